import Foundation
import InterviewKit

// Intent: (say in a sentence or two why your code has the shape it has)

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
