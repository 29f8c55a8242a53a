// expect: fail concurrency resources
import Foundation
import InterviewKit

// Intent: run every item at once in a task group and put the results back in order.

func mapConcurrently<T: Sendable, R: Sendable>(
    _ items: [T], limit: Int,
    transform: @escaping @Sendable (T) async throws -> R
) async throws -> [R] {
    try await withThrowingTaskGroup(of: (Int, R).self) { group in
        // Ignores `limit`: one child per item, all started together.
        for (index, item) in items.enumerated() {
            group.addTask { (index, try await transform(item)) }
        }
        var results = [R?](repeating: nil, count: items.count)
        for try await (index, result) in group {
            results[index] = result
        }
        return results.map { $0! }
    }
}
