// expect: review explicit-isolation
import Foundation
import InterviewKit

// Intent: code without annotations is isolated to the main actor, and so are its conformances; a
// nonisolated async function runs on its caller's actor, so `write` is nonisolated; `render` must
// be off every actor, so it records itself with no isolation, as `@concurrent` code would.

/// One letter per question (1 to 8), in order.
nonisolated let answers: [Character] = ["B", "D", "A", "C", "B", "A", "D", "C"]

/// Renders thumbnails.
struct Thumbnailer {
    /// Renders `bytes` and returns the sum of its bytes (a stand-in for heavy work).
    func render(_ bytes: [UInt8]) async -> Int {
        IsolationProbe.record("render \(bytes.count) bytes", isolation: nil)
        return bytes.reduce(0) { $0 &+ Int($1) }
    }
}

/// Writes audit lines.
final class AuditLog {
    /// Writes `line` to the log.
    nonisolated func write(_ line: String) async {
        IsolationProbe.record("write \(line)")
    }
}
