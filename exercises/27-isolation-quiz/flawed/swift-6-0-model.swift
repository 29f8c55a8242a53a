// expect: fail correctness
import Foundation
import InterviewKit

// Intent: answered with the Swift 6.0 model, where code without annotations is nonisolated and a
// nonisolated async function always leaves its caller's actor for the global executor; the
// main actor and conformances only matter where they are written out.

/// One letter per question (1 to 8), in order.
nonisolated let answers: [Character] = ["A", "A", "A", "A", "B", "B", "A", "D"]

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
    nonisolated func write(_ line: String) async {
        IsolationProbe.record("write \(line)")
    }
}
