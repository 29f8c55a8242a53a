// expect: fail cancellation errors
import Foundation
import InterviewKit

// Intent: wrap the callback in a checked continuation and resume it from the callback.

/// Looks `key` up in the callback-based table.
func getItem(_ key: String, from table: some LegacyTable) async throws -> Item {
    try await withCheckedThrowingContinuation { continuation in
        _ = table.getItem(key) { item, error in
            if let error {
                continuation.resume(throwing: error)
            } else if let item {
                continuation.resume(returning: item)
            } else {
                continuation.resume(throwing: NotFound(key: key))
            }
        }
    }
}
