import Foundation
import InterviewKit

// Intent: the request ID travels as a task-local value, the Swift counterpart of
// AsyncLocalStorage: I bind it with `withValue` around the work, and every child task of the
// task group inherits it, so each log line carries its own request's ID without passing it
// by hand, and 20 interleaved requests never see each other's. The binding ends when
// `withValue` returns. The items run concurrently as children of one throwing group: the
// first error is thrown and the siblings still running are cancelled.

/// Processes every item concurrently with `RequestContext.requestID` bound to `id`.
func handleRequest(
    id: String, items: [Int], sink: LogSink,
    work: @escaping @Sendable (Int, LogSink) async throws -> Void
) async throws {
    try await RequestContext.$requestID.withValue(id) {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for item in items {
                // Child tasks inherit the task-local values bound in their parent.
                group.addTask { try await work(item, sink) }
            }
            // `next()` rethrows the first child error; leaving the group by that throw cancels
            // the items still running. (`waitForAll()` would wait for every item first.)
            while try await group.next() != nil {}
        }
    }
}
