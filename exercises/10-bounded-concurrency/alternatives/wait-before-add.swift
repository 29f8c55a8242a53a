import Foundation
import InterviewKit

// Intent: one throwing task group and a running count. Walking the items in order, once `limit`
// children are in flight I await `group.next()` before adding the next one, so a new item starts
// the moment a slot frees up: never more than the limit, and exactly that many busy while work
// remains (no waves). Each child returns its index, so the results keep the input order. The
// first error is rethrown by `next()`, which stops the loop before it starts anything new, and
// leaving the group cancels the children still running.

/// Applies `transform` to every item with at most `limit` calls running at once,
/// and returns the results in the order of `items`.
func mapConcurrently<T: Sendable, R: Sendable>(
    _ items: [T], limit: Int,
    transform: @escaping @Sendable (T) async throws -> R
) async throws -> [R] {
    try await withThrowingTaskGroup(of: (Int, R).self) { group in
        var results = [R?](repeating: nil, count: items.count)
        var running = 0
        for (index, item) in items.enumerated() {
            if running == limit, let (done, result) = try await group.next() {
                results[done] = result
                running -= 1
            }
            group.addTask { (index, try await transform(item)) }
            running += 1
        }
        while let (done, result) = try await group.next() {
            results[done] = result
        }
        return results.map { $0! }
    }
}
