import Foundation
import InterviewKit

// Intent: (say in a sentence or two why your code has the shape it has)

/// Fetches and processes the record of every id.
func syncAll(
    _ ids: [Int],
    fetch: @escaping @Sendable (Int) async throws -> Record,
    process: @escaping @Sendable (Record) async throws -> Void
) async throws {
    ids.forEach { id in
        Task {
            let record = try await fetch(id)
            try await process(record)
        }
    }
}
