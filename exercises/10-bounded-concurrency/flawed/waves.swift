// expect: fail concurrency
import Foundation
import InterviewKit

// Intent: split the items into chunks of `limit` and run each chunk concurrently,
// one chunk after another, so no more than `limit` run at once.

func mapConcurrently<T: Sendable, R: Sendable>(
    _ items: [T], limit: Int,
    transform: @escaping @Sendable (T) async throws -> R
) async throws -> [R] {
    var results = [R?](repeating: nil, count: items.count)
    var start = 0
    while start < items.count {
        let end = min(start + limit, items.count)
        try await withThrowingTaskGroup(of: (Int, R).self) { group in
            for index in start..<end {
                let item = items[index]
                group.addTask { (index, try await transform(item)) }
            }
            // Waits for the whole wave: a slot freed early stays empty until the slowest is done.
            for try await (index, result) in group {
                results[index] = result
            }
        }
        start = end
    }
    return results.map { $0! }
}
