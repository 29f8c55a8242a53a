import Foundation
import InterviewKit
import Synchronization

// Intent: each blob is summed in its own child task of a throwing discarding task group, and the
// children write their totals into a Mutex-guarded array at their blob's index. Checksumming never
// suspends by itself, so each child yields after every chunk to take turns with other work instead
// of holding its thread, and checks `Task.isCancelled` before each chunk: once the caller gives up,
// the child throws CancellationError and the group cancels the others. Nothing blocks a thread
// and nothing outlives the call.

/// Checksums every blob chunk by chunk; returns one result per blob, in order.
func checksumAll(_ blobs: [[UInt8]], chunkSize: Int) async throws -> [UInt64] {
    let totals = Totals(count: blobs.count)
    try await withThrowingDiscardingTaskGroup { group in
        for (index, blob) in blobs.enumerated() {
            group.addTask {
                var total: UInt64 = 0
                var start = 0
                while start < blob.count {
                    if Task.isCancelled { throw CancellationError() }
                    let end = min(start + chunkSize, blob.count)
                    total &+= checksum(blob[start..<end])
                    start = end
                    await Task.yield()
                }
                totals.set(total, at: index)
            }
        }
    }
    return totals.values()
}

/// One total per blob, written by the children.
private final class Totals: Sendable {
    private let storage: Mutex<[UInt64]>

    init(count: Int) { storage = Mutex([UInt64](repeating: 0, count: count)) }

    func set(_ total: UInt64, at index: Int) { storage.withLock { $0[index] = total } }

    func values() -> [UInt64] { storage.withLock { $0 } }
}
