// expect: fail cancellation
import Foundation
import InterviewKit

// Intent: [FLAW: never checks for cancellation, so a cancelled caller keeps retrying.]
// Optimistic concurrency: each attempt does a fresh get, applies transform to the
// value it read and puts the result only if the version is still the one it read. A
// VersionConflict means someone wrote in between, so the next attempt starts at once, with
// no waiting; any other error, or an error from transform, is thrown unchanged and nothing
// is written. After maxAttempts conflicts it throws TooManyConflicts. Cancellation is
// checked before every call, so a cancelled caller gets CancellationError and no further call.

/// Applies `transform` to the value of `key` and returns what was written.
func update(
    _ key: String, in store: some VersionedStore, maxAttempts: Int, transform: (Int) throws -> Int
) async throws -> Versioned {
    for _ in 0..<max(maxAttempts, 1) {
        let current = try await store.get(key)
        let next = try transform(current.value)
        do {
            return try await store.put(key, value: next, ifVersion: current.version)
        } catch is VersionConflict {
            continue
        }
    }
    throw TooManyConflicts(key: key, attempts: maxAttempts)
}
