// expect: fail errors
import Foundation
import InterviewKit

// Intent: one child task per record in a task group, then wait for all of them.

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
        // Rethrows the first error only after every other child has finished.
        try await group.waitForAll()
    }
}
