// expect: fail correctness
import Foundation
import InterviewKit

// Intent: each blob is summed in its own child task of a task group, side by side; after every
// chunk the child yields so long blobs take turns and the rest of the program gets the thread
// (no blocking waits). Each child checks cancellation before every chunk.

func checksumAll(_ blobs: [[UInt8]], chunkSize: Int) async throws -> [UInt64] {
    try await withThrowingTaskGroup(of: UInt64.self) { group in
        for blob in blobs {
            group.addTask {
                var total: UInt64 = 0
                var start = blob.startIndex
                while start < blob.endIndex {
                    try Task.checkCancellation()
                    let end = min(start + chunkSize, blob.endIndex)
                    total &+= checksum(blob[start..<end])
                    start = end
                    await Task.yield()
                }
                return total
            }
        }
        // Collected as the children finish: a short blob's result comes before a long one's.
        var results: [UInt64] = []
        for try await total in group { results.append(total) }
        return results
    }
}
