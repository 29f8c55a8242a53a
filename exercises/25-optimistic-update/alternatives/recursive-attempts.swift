import Foundation
import InterviewKit

// Intent: each attempt is one optimistic compare-and-set: read the value with its version,
// transform that fresh value, and put it only if the version is unchanged. A VersionConflict
// means another writer got there first, so the function calls itself at once for the next
// attempt, which reads again; after maxAttempts conflicts it gives up with TooManyConflicts.
// Any other error (store, transform, cancellation) is thrown unchanged, with no retry.

/// Applies `transform` to the value of `key`, retrying on version conflicts, and returns what was written.
func update(
    _ key: String, in store: some VersionedStore, maxAttempts: Int, transform: (Int) throws -> Int
) async throws -> Versioned {
    try await attempt(1, of: maxAttempts, key: key, in: store, transform: transform)
}

/// Attempt number `number`; a conflict moves on to the next one, until `maxAttempts` is used up.
private func attempt(
    _ number: Int, of maxAttempts: Int, key: String, in store: some VersionedStore, transform: (Int) throws -> Int
) async throws -> Versioned {
    guard number <= maxAttempts else { throw TooManyConflicts(key: key, attempts: maxAttempts) }
    try Task.checkCancellation()
    let current = try await store.get(key)
    let newValue = try transform(current.value)
    do {
        return try await store.put(key, value: newValue, ifVersion: current.version)
    } catch is VersionConflict {
        return try await attempt(number + 1, of: maxAttempts, key: key, in: store, transform: transform)
    }
}
