// expect: fail concurrency
import Foundation
import InterviewKit

// Intent: unannotated code runs on the main actor and its conformances are main-actor isolated;
// `nonisolated` takes the heavy render off the main actor, and `@concurrent` keeps the audit
// write with its caller's actor.

/// One letter per question (1 to 8), in order.
nonisolated let answers: [Character] = ["B", "D", "A", "C", "B", "A", "D", "C"]

/// Renders thumbnails.
struct Thumbnailer {
    /// Renders `bytes` and returns the sum of its bytes (a stand-in for heavy work).
    nonisolated func render(_ bytes: [UInt8]) async -> Int {
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
