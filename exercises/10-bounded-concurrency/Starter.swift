import Foundation
import InterviewKit

// Intent: (say in a sentence or two why your code has the shape it has)

/// Applies `transform` to every item with at most `limit` calls running at once,
/// and returns the results in the order of `items`.
func mapConcurrently<T: Sendable, R: Sendable>(
    _ items: [T], limit: Int,
    transform: @escaping @Sendable (T) async throws -> R
) async throws -> [R] {
    var results: [R] = []
    // Work through the items in batches of `limit`.
    for batchStart in stride(from: 0, to: items.count, by: limit) {
        let batch = Array(items[batchStart..<min(batchStart + limit, items.count)])
        let batchResults = try await withThrowingTaskGroup(of: (Int, R).self) { group in
            for (offset, item) in batch.enumerated() {
                group.addTask { (offset, try await transform(item)) }
            }
            var collected = [R?](repeating: nil, count: batch.count)
            for try await (offset, result) in group {
                collected[offset] = result
            }
            return collected.map { $0! }
        }
        // The next batch starts only when the slowest item of this one has finished.
        results += batchResults
    }
    return results
}
