// expect: fail concurrency
import Foundation
import InterviewKit

// Intent: every declaration without annotations is on the main actor, conformances included;
// a nonisolated async function runs with its caller's actor, so I mark both methods
// `nonisolated` and trust that this moves the rendering off the main actor.

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
    nonisolated func write(_ line: String) async {
        IsolationProbe.record("write \(line)")
    }
}
