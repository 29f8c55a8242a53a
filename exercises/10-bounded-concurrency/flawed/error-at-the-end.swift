// expect: fail errors
import Foundation
import InterviewKit

// Intent: a sliding window of `limit` children; a failure is remembered and thrown once
// every item has had its turn, so one bad item does not stop the others.

func mapConcurrently<T: Sendable, R: Sendable>(
    _ items: [T], limit: Int,
    transform: @escaping @Sendable (T) async throws -> R
) async throws -> [R] {
    try await withThrowingTaskGroup(of: (Int, Result<R, any Error>).self) { group in
        var nextIndex = 0
        func startNext() {
            let index = nextIndex
            let item = items[index]
            group.addTask {
                do { return (index, .success(try await transform(item))) } catch { return (index, .failure(error)) }
            }
            nextIndex += 1
        }
        while nextIndex < min(limit, items.count) { startNext() }
        var results = [R?](repeating: nil, count: items.count)
        var firstError: (any Error)?
        while let (index, result) = try await group.next() {
            switch result {
            case .success(let value): results[index] = value
            // Keeps going after a failure: slots are refilled and the error waits for the end.
            case .failure(let error): firstError = firstError ?? error
            }
            if nextIndex < items.count { startNext() }
        }
        if let firstError { throw firstError }
        return results.map { $0! }
    }
}
