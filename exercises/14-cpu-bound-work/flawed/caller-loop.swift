// expect: fail concurrency
import Foundation
import InterviewKit

// Intent: one loop over every chunk on the caller's task; it checks for cancellation and
// yields between chunks so it never blocks, but the blobs never get child tasks of their own.

func checksumAll(_ blobs: [[UInt8]], chunkSize: Int) async throws -> [UInt64] {
    var results: [UInt64] = []
    for blob in blobs {
        var total: UInt64 = 0
        for start in stride(from: 0, to: blob.count, by: chunkSize) {
            try Task.checkCancellation()
            total &+= checksum(blob[start..<min(start + chunkSize, blob.count)])
            await Task.yield()
        }
        results.append(total)
    }
    return results
}
