import Foundation
import InterviewKit

// Intent: optimistic concurrency with a version check. `tryOnce` is one read-transform-write
// with the version it read; it turns a VersionConflict (another writer was faster) into nil
// and lets every other error through unchanged. The loop simply runs fresh attempts until
// one writes, and gives up with TooManyConflicts after maxAttempts.

/// Applies `transform` to the value of `key`, retrying on version conflicts, and returns what was written.
func update(
    _ key: String, in store: some VersionedStore, maxAttempts: Int, transform: (Int) throws -> Int
) async throws -> Versioned {
    var attempts = 0
    while attempts < maxAttempts {
        try Task.checkCancellation()
        attempts += 1
        if let written = try await tryOnce(key, in: store, transform: transform) {
            return written
        }
    }
    throw TooManyConflicts(key: key, attempts: attempts)
}

/// One attempt: the written value, or nil when the version changed between the get and the put.
private func tryOnce(
    _ key: String, in store: some VersionedStore, transform: (Int) throws -> Int
) async throws -> Versioned? {
    let current = try await store.get(key)
    let newValue = try transform(current.value)
    do {
        return try await store.put(key, value: newValue, ifVersion: current.version)
    } catch is VersionConflict {
        return nil
    }
}
