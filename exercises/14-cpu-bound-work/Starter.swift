import Foundation
import InterviewKit

// Intent: (say in a sentence or two why your code has the shape it has)

/// Checksums every blob chunk by chunk; returns one result per blob, in order.
func checksumAll(_ blobs: [[UInt8]], chunkSize: Int) async throws -> [UInt64] {
    var results: [UInt64] = []
    // One loop on the caller's task: `async` in the signature does not make this loop
    // give up its thread. Nothing else runs until every chunk of every blob is done.
    for blob in blobs {
        var total: UInt64 = 0
        for start in stride(from: 0, to: blob.count, by: chunkSize) {
            total &+= checksum(blob[start..<min(start + chunkSize, blob.count)])
        }
        results.append(total)
    }
    return results
}
