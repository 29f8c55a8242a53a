import Foundation
import InterviewKit

// Intent: each blob is summed in its own child task of a throwing task group, so the
// blobs are worked on side by side and the group awaits them all before returning.
// Checksumming is CPU work with no natural suspension point, so after every chunk the
// child calls `Task.yield()`: long blobs take turns with each other and with the rest of
// the program instead of holding a cooperative thread (no blocking waits anywhere).
// Cancellation is cooperative: each child checks it before every chunk, so a cancelled
// call stops within one chunk per task and throws CancellationError.

/// Checksums every blob chunk by chunk; returns one result per blob, in order.
func checksumAll(_ blobs: [[UInt8]], chunkSize: Int) async throws -> [UInt64] {
    try await withThrowingTaskGroup(of: (Int, UInt64).self) { group in
        for (index, blob) in blobs.enumerated() {
            group.addTask {
                var total: UInt64 = 0
                var start = blob.startIndex
                while start < blob.endIndex {
                    // Stop between chunks once the caller has given up.
                    try Task.checkCancellation()
                    let end = min(start + chunkSize, blob.endIndex)
                    total &+= checksum(blob[start..<end])
                    start = end
                    // Let other tasks run before the next chunk.
                    await Task.yield()
                }
                return (index, total)
            }
        }
        var results = [UInt64](repeating: 0, count: blobs.count)
        for try await (index, total) in group {
            results[index] = total
        }
        return results
    }
}
