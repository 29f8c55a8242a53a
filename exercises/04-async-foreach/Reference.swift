import Foundation
import InterviewKit

// Intent: the records are independent, so each id gets a child task in a throwing task
// group that fetches and then processes it: the fetches run concurrently and the batch
// takes as long as its slowest record. The group does not let the function return until
// every child has finished. On the first error, iterating the group rethrows it at once,
// and leaving the group cancels the children still running, so nothing outlives the call.

/// Fetches and processes every record concurrently; throws the first error and cancels the rest.
func syncAll(
    _ ids: [Int],
    fetch: @escaping @Sendable (Int) async throws -> Record,
    process: @escaping @Sendable (Record) async throws -> Void
) async throws {
    try await withThrowingTaskGroup(of: Void.self) { group in
        for id in ids {
            group.addTask {
                let record = try await fetch(id)
                try await process(record)
            }
        }
        // Not `waitForAll()`: it would wait for every child before rethrowing the first error.
        // Iterating the group throws as soon as one child fails, and leaving the group then
        // cancels the others.
        for try await _ in group {}
    }
}
