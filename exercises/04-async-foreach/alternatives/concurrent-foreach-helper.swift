import Foundation
import InterviewKit

// Intent: the bug is a forEach that does not wait, so I write the forEach that does: an async
// `concurrentForEach` on Sequence that runs the body for every element as a child task of a
// throwing task group and waits for all of them before it returns. The records are fetched and
// processed concurrently, the first error is rethrown as soon as it arrives, and leaving the group
// cancels the children still running.

/// Fetches and processes every record concurrently; throws the first error and cancels the rest.
func syncAll(
    _ ids: [Int],
    fetch: @escaping @Sendable (Int) async throws -> Record,
    process: @escaping @Sendable (Record) async throws -> Void
) async throws {
    try await ids.concurrentForEach { id in
        let record = try await fetch(id)
        try await process(record)
    }
}

extension Sequence where Element: Sendable {
    /// Runs `body` for every element concurrently and returns once all have finished;
    /// the first error is thrown at once and the other calls are cancelled.
    func concurrentForEach(_ body: @escaping @Sendable (Element) async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for element in self {
                group.addTask { try await body(element) }
            }
            // Iterating rethrows the first child error; waitForAll() would wait for every child first.
            for try await _ in group {}
        }
    }
}
