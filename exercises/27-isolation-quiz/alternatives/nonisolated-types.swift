import Foundation
import InterviewKit

// Intent: here anything left unannotated belongs to the main actor, and a main-actor type's
// protocol conformances do too. So I take both types out of the main actor with `nonisolated`:
// a nonisolated async method then inherits the caller's isolation, which is what `write`
// needs, and `render` also gets `@concurrent`, which is what moves it off the main actor.

/// One letter per question (1 to 8), in order.
nonisolated let answers: [Character] = ["b", "d", "a", "c", "b", "a", "d", "c"]

/// Renders thumbnails; nothing in it needs the main actor.
nonisolated struct Thumbnailer {
    /// Renders `bytes` and returns the sum of its bytes (a stand-in for heavy work).
    @concurrent func render(_ bytes: [UInt8]) async -> Int {
        IsolationProbe.record("render \(bytes.count) bytes")
        return bytes.reduce(0) { $0 &+ Int($1) }
    }
}

/// Writes audit lines; usable from any actor.
nonisolated final class AuditLog {
    /// Writes `line` to the log, on the caller's actor.
    func write(_ line: String) async {
        IsolationProbe.record("write \(line)")
    }
}
