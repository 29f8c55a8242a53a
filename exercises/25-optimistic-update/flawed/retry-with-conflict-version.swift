// expect: fail concurrency errors
import Foundation
import InterviewKit

// Intent: read once and transform once; when the put conflicts, the conflict tells me the
// version the key is at now, so I retry the same put with that version, at most maxAttempts
// times, and then give up with TooManyConflicts. Other errors are thrown unchanged.

/// Applies `transform` to the value of `key`, retrying on version conflicts, and returns what was written.
func update(
    _ key: String, in store: some VersionedStore, maxAttempts: Int, transform: (Int) throws -> Int
) async throws -> Versioned {
    let current = try await store.get(key)
    let newValue = try transform(current.value)
    var version = current.version
    for _ in 0..<maxAttempts {
        try Task.checkCancellation()
        do {
            return try await store.put(key, value: newValue, ifVersion: version)
        } catch let conflict as VersionConflict {
            // The flaw: this overwrites whatever the other writer stored with a value
            // computed from what was there before it. The version check is defeated.
            version = conflict.actual
        }
    }
    throw TooManyConflicts(key: key, attempts: maxAttempts)
}
