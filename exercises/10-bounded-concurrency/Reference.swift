import Foundation
import InterviewKit

// Intent: a sliding window over one throwing task group. I start the first `limit` items,
// and every time a child finishes, its slot goes to the next waiting item at once, so
// exactly min(limit, count) run while work remains and never more than the limit: no
// batches, no waves. Each child returns its index, so results keep the input order.
// The first error leaves the group, which cancels the children still running, and since
// new items are only added after a success, nothing new starts once an error is known.

/// Applies `transform` to every item with at most `limit` calls running at once,
/// and returns the results in the order of `items`.
func mapConcurrently<T: Sendable, R: Sendable>(
    _ items: [T], limit: Int,
    transform: @escaping @Sendable (T) async throws -> R
) async throws -> [R] {
    try await withThrowingTaskGroup(of: (Int, R).self) { group in
        var nextIndex = 0
        func startNext() {
            let index = nextIndex
            let item = items[index]
            group.addTask { (index, try await transform(item)) }
            nextIndex += 1
        }

        // Fill the window.
        while nextIndex < min(max(limit, 1), items.count) {
            startNext()
        }

        var results = [R?](repeating: nil, count: items.count)
        // `next()` rethrows the first child error; leaving the closure then cancels the rest.
        while let (index, result) = try await group.next() {
            results[index] = result
            // A slot just freed up: hand it to the next waiting item right away.
            if nextIndex < items.count {
                startNext()
            }
        }
        return results.map { $0! }
    }
}
