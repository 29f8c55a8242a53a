// expect: fail concurrency
import Foundation
import InterviewKit

// Intent: a counting semaphore with `limit` permits guards the transform, like p-limit,
// and a task group runs the items and keeps them in order.

func mapConcurrently<T: Sendable, R: Sendable>(
    _ items: [T], limit: Int,
    transform: @escaping @Sendable (T) async throws -> R
) async throws -> [R] {
    let permits = DispatchSemaphore(value: limit)
    return try await withThrowingTaskGroup(of: (Int, R).self) { group in
        for (index, item) in items.enumerated() {
            group.addTask {
                // Blocks the thread while waiting for a permit. On the cooperative pool the
                // blocked thread may be the one that should run the transform holding it.
                permits.wait()
                defer { permits.signal() }
                return (index, try await transform(item))
            }
        }
        var results = [R?](repeating: nil, count: items.count)
        for try await (index, result) in group {
            results[index] = result
        }
        return results.map { $0! }
    }
}
