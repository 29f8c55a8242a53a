import Foundation
import InterviewKit

// Intent: a sliding window over one throwing task group. I fill the window with the first `limit`
// items, then iterate the group: each time a child finishes, its result goes into its index and
// the slot it freed goes to the next waiting item right away, so at most `limit` run at once and
// exactly that many stay busy while work remains, with no batches. The results keep the input
// order by index. The first error ends the loop, and leaving the group cancels the children
// still running; nothing new is started after it.

/// Applies `transform` to every item with at most `limit` calls running at once,
/// and returns the results in the order of `items`.
func mapConcurrently<T: Sendable, R: Sendable>(
    _ items: [T], limit: Int,
    transform: @escaping @Sendable (T) async throws -> R
) async throws -> [R] {
    try await withThrowingTaskGroup(of: (Int, R).self) { group in
        var nextIndex = 0
        while nextIndex < min(limit, items.count) {
            let index = nextIndex, item = items[index]
            group.addTask { (index, try await transform(item)) }
            nextIndex += 1
        }
        var results = [R?](repeating: nil, count: items.count)
        for try await (index, result) in group {
            results[index] = result
            if nextIndex < items.count {
                let refill = nextIndex, item = items[refill]
                group.addTask { (refill, try await transform(item)) }
                nextIndex += 1
            }
        }
        return results.map { $0! }
    }
}
