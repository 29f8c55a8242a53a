import Foundation
import InterviewKit

// Intent: I spell each isolation out instead of relying on the upcoming features. Types with no
// annotation default to the main actor (Hashable conformances included), so `render` says
// `nonisolated` and `@concurrent` to run on the global executor, and `write` says
// `nonisolated(nonsending)`: it keeps running wherever it was called from, main actor or Ledger.

/// One letter per question (1 to 8), in order.
nonisolated let answers: [Character] = ["B", "D", "A", "C", "B", "A", "D", "C"]

/// Renders thumbnails.
struct Thumbnailer {
    /// Renders `bytes` and returns the sum of its bytes (a stand-in for heavy work).
    @concurrent nonisolated func render(_ bytes: [UInt8]) async -> Int {
        IsolationProbe.record("render \(bytes.count) bytes")
        return bytes.reduce(0) { $0 &+ Int($1) }
    }
}

/// Writes audit lines.
final class AuditLog {
    /// Writes `line` to the log.
    nonisolated(nonsending) func write(_ line: String) async {
        IsolationProbe.record("write \(line)")
    }
}
