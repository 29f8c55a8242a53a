import Foundation
import InterviewKit

// Intent: each id becomes a child task of a throwing discarding task group that fetches the record
// and then processes it, so the records are handled concurrently and the batch takes as long as
// its slowest record. The group does not return until every child has finished, so syncAll
// waits for all of them. The first error from any child is thrown at once and the group cancels
// the rest, so nothing is left running when the call ends.

/// Fetches and processes every record concurrently; throws the first error and cancels the rest.
func syncAll(
    _ ids: [Int],
    fetch: @escaping @Sendable (Int) async throws -> Record,
    process: @escaping @Sendable (Record) async throws -> Void
) async throws {
    try await withThrowingDiscardingTaskGroup { group in
        for id in ids {
            group.addTask {
                try await process(try await fetch(id))
            }
        }
    }
}
