// expect: fail concurrency
import Foundation
import InterviewKit

// Intent: unannotated code is isolated to the main actor, conformances too; a nonisolated async
// function runs on its caller's actor, so to be safe I put `@concurrent` on both methods and
// send all the work off every actor.

/// One letter per question (1 to 8), in order.
nonisolated let answers: [Character] = ["B", "D", "A", "C", "B", "A", "D", "C"]

/// Renders thumbnails.
struct Thumbnailer {
    /// Renders `bytes` and returns the sum of its bytes (a stand-in for heavy work).
    @concurrent func render(_ bytes: [UInt8]) async -> Int {
        IsolationProbe.record("render \(bytes.count) bytes")
        return bytes.reduce(0) { $0 &+ Int($1) }
    }
}

/// Writes audit lines.
final class AuditLog {
    /// Writes `line` to the log.
    @concurrent func write(_ line: String) async {
        IsolationProbe.record("write \(line)")
    }
}
