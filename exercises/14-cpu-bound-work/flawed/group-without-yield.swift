// expect: fail concurrency resources
import Foundation
import InterviewKit

// Intent: a child task per blob in a task group, checking cancellation before each chunk.

func checksumAll(_ blobs: [[UInt8]], chunkSize: Int) async throws -> [UInt64] {
    try await withThrowingTaskGroup(of: (Int, UInt64).self) { group in
        for (index, blob) in blobs.enumerated() {
            group.addTask {
                var total: UInt64 = 0
                for start in stride(from: 0, to: blob.count, by: chunkSize) {
                    try Task.checkCancellation()
                    // No suspension point: each child holds the thread until its blob is done.
                    total &+= checksum(blob[start..<min(start + chunkSize, blob.count)])
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
