// expect: fail errors
import Foundation
import InterviewKit

// Intent: optimistic concurrency: read with the version, transform, write only if the version
// is unchanged. On a VersionConflict I read again and transform the fresh value, until the
// write goes through. Other errors are thrown unchanged.

/// Applies `transform` to the value of `key`, retrying on version conflicts, and returns what was written.
func update(
    _ key: String, in store: some VersionedStore, maxAttempts: Int, transform: (Int) throws -> Int
) async throws -> Versioned {
    // The flaw: maxAttempts is ignored. Under steady contention this loop never ends.
    while true {
        try Task.checkCancellation()
        let current = try await store.get(key)
        let newValue = try transform(current.value)
        do {
            return try await store.put(key, value: newValue, ifVersion: current.version)
        } catch is VersionConflict {
            continue
        }
    }
}
