// expect: fail correctness
import Foundation
import InterviewKit

// Intent: code without annotations is isolated to the main actor; a nonisolated async function
// runs on its caller's actor and `@concurrent` leaves every actor; but I read the conformance
// question as a missing Sendable and expect the compiler to hop for a main-actor property.

/// One letter per question (1 to 8), in order.
nonisolated let answers: [Character] = ["B", "D", "A", "C", "B", "A", "B", "B"]

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
