// expect: fail errors cancellation
import Foundation
import InterviewKit

// Intent: read with the version, transform the fresh value, write only if the version is
// unchanged. Stores are flaky, so whatever goes wrong in an attempt, I try again while
// attempts remain; after the last one, a conflict becomes TooManyConflicts and any other
// error is thrown as it is.

/// Applies `transform` to the value of `key`, retrying on version conflicts, and returns what was written.
func update(
    _ key: String, in store: some VersionedStore, maxAttempts: Int, transform: (Int) throws -> Int
) async throws -> Versioned {
    for attempt in 1...maxAttempts {
        do {
            let current = try await store.get(key)
            let newValue = try transform(current.value)
            return try await store.put(key, value: newValue, ifVersion: current.version)
        } catch {
            // The flaw: a failing store, a refusing transform and a cancelled caller are
            // all tried again as if they were conflicts.
            if attempt == maxAttempts {
                throw error is VersionConflict ? TooManyConflicts(key: key, attempts: attempt) : error
            }
        }
    }
    throw TooManyConflicts(key: key, attempts: maxAttempts)
}
