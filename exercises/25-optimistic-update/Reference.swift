import Foundation
import InterviewKit

// Intent: optimistic concurrency instead of a lock. One attempt reads the value with its
// version, applies the transform to that fresh value and writes it back only if the version
// is still the one I read (the store's compare-and-set). A VersionConflict means someone else
// wrote in between, so the next attempt starts at once with a fresh read and transforms the
// new value again; reusing the old value or the conflict's version would be a lost update.
// Only conflicts are retried, and only maxAttempts times before I give up with
// TooManyConflicts; any other error (the store's, the transform's, cancellation) is thrown
// unchanged on the spot.

/// Applies `transform` to the value of `key`, retrying on version conflicts, and returns what was written.
func update(
    _ key: String, in store: some VersionedStore, maxAttempts: Int, transform: (Int) throws -> Int
) async throws -> Versioned {
    for _ in 0..<maxAttempts {
        // A cancelled caller starts no further attempt, even if the store's last call ignored it.
        try Task.checkCancellation()
        let current = try await store.get(key)
        let newValue = try transform(current.value)
        do {
            return try await store.put(key, value: newValue, ifVersion: current.version)
        } catch is VersionConflict {
            // Someone else wrote since the get: read again and redo the transform on their value.
            continue
        }
    }
    throw TooManyConflicts(key: key, attempts: maxAttempts)
}
