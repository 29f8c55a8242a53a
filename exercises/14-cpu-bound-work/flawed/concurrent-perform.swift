// expect: fail concurrency cancellation resources
import Foundation
import InterviewKit
import Synchronization

// Intent: CPU work belongs on worker threads, like Node's worker_threads: hand the blobs to
// DispatchQueue.concurrentPerform on a background queue and wait on a semaphore for it.

final class Checksums: Sendable {
    private let values: Mutex<[UInt64]>
    init(count: Int) { values = Mutex([UInt64](repeating: 0, count: count)) }
    func set(_ index: Int, _ value: UInt64) { values.withLock { $0[index] = value } }
    var all: [UInt64] { values.withLock { $0 } }
}

func checksumAll(_ blobs: [[UInt8]], chunkSize: Int) async throws -> [UInt64] {
    let results = Checksums(count: blobs.count)
    let done = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
        DispatchQueue.concurrentPerform(iterations: blobs.count) { index in
            let blob = blobs[index]
            var total: UInt64 = 0
            for start in stride(from: 0, to: blob.count, by: chunkSize) {
                total &+= checksum(blob[start..<min(start + chunkSize, blob.count)])
            }
            results.set(index, total)
        }
        done.signal()
    }
    // Blocks this cooperative thread until the Dispatch threads are done.
    done.wait()
    return results.all
}
