import Foundation
import InterviewKit

// Intent: (say in a sentence or two why your code has the shape it has)

/// Applies `transform` to the value of `key` and returns what was written.
func update(
    _ key: String, in store: some VersionedStore, maxAttempts: Int, transform: (Int) throws -> Int
) async throws -> Versioned {
    let current = try await store.get(key)
    return try await store.put(key, value: try transform(current.value), ifVersion: current.version)
}
