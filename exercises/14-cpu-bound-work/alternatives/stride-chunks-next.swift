import Foundation
import InterviewKit

// Intent: one child task per blob in a throwing task group, so the blobs are summed side by side
// and the group waits for all of them. Inside a child, hashing is pure CPU work with no suspension
// point of its own, so between chunks I `await Task.yield()` to give up the thread and let the
// other blobs and the rest of the service take turns, and before each chunk I check
// cancellation, so a cancelled caller stops every child within a chunk. No semaphores and no
// blocking: the cooperative pool stays free.

/// Checksums every blob chunk by chunk; returns one result per blob, in order.
func checksumAll(_ blobs: [[UInt8]], chunkSize: Int) async throws -> [UInt64] {
    try await withThrowingTaskGroup(of: (Int, UInt64).self) { group in
        for (index, blob) in blobs.enumerated() {
            group.addTask { (index, try await sum(blob, chunkSize: chunkSize)) }
        }
        var sums: [Int: UInt64] = [:]
        while let (index, total) = try await group.next() {
            sums[index] = total
        }
        return blobs.indices.map { sums[$0]! }
    }
}

/// The `&+` sum of the checksums of `blob`'s chunks, yielding between chunks.
private func sum(_ blob: [UInt8], chunkSize: Int) async throws -> UInt64 {
    var total: UInt64 = 0
    for start in stride(from: 0, to: blob.count, by: chunkSize) {
        try Task.checkCancellation()
        total &+= checksum(blob[start..<min(start + chunkSize, blob.count)])
        await Task.yield()
    }
    return total
}
