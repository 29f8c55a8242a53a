// expect: fail concurrency
import Foundation
import InterviewKit

// Intent: read and transform once, then try to write: on a version conflict I read the key
// again for its new version and retry the put, at most maxAttempts times, then give up with
// TooManyConflicts. Other errors are thrown unchanged.

/// Applies `transform` to the value of `key`, retrying on version conflicts, and returns what was written.
func update(
    _ key: String, in store: some VersionedStore, maxAttempts: Int, transform: (Int) throws -> Int
) async throws -> Versioned {
    var current = try await store.get(key)
    // The flaw: the new value is computed once, from the first read. After a conflict the
    // retry reads a fresh version but still writes the stale value: a lost update.
    let newValue = try transform(current.value)
    var attempts = 0
    while true {
        try Task.checkCancellation()
        attempts += 1
        do {
            return try await store.put(key, value: newValue, ifVersion: current.version)
        } catch is VersionConflict {
            if attempts == maxAttempts { throw TooManyConflicts(key: key, attempts: attempts) }
            try Task.checkCancellation()
            current = try await store.get(key)
        }
    }
}
