// expect: fail concurrency
import Foundation
import InterviewKit

// Intent: one item at a time is always within the limit, and the results stay in order.

func mapConcurrently<T: Sendable, R: Sendable>(
    _ items: [T], limit: Int,
    transform: @escaping @Sendable (T) async throws -> R
) async throws -> [R] {
    var results: [R] = []
    for item in items {
        results.append(try await transform(item))
    }
    return results
}
