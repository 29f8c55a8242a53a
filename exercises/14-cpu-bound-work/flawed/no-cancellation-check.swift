// expect: fail cancellation
import Foundation
import InterviewKit

// Intent: a child task per blob in a task group, yielding after each chunk so the blobs
// take turns.

func checksumAll(_ blobs: [[UInt8]], chunkSize: Int) async throws -> [UInt64] {
    try await withThrowingTaskGroup(of: (Int, UInt64).self) { group in
        for (index, blob) in blobs.enumerated() {
            group.addTask {
                var total: UInt64 = 0
                for start in stride(from: 0, to: blob.count, by: chunkSize) {
                    // Never looks at cancellation: a cancelled call sums every chunk anyway.
                    total &+= checksum(blob[start..<min(start + chunkSize, blob.count)])
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
