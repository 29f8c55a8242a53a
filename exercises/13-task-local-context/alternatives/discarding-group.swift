import Foundation
import InterviewKit

// Intent: the request ID is a task-local value: I bind it with `withValue` for the length of the
// request, and every child task inherits the values bound in its parent, so each line `work` logs,
// however deep, carries this request's ID, and interleaved requests never mix them up. The items
// run concurrently as children of a throwing discarding task group, which throws the first error
// and cancels the rest. The binding ends when `withValue` returns.

/// Processes every item concurrently with `RequestContext.requestID` bound to `id`.
func handleRequest(
    id: String, items: [Int], sink: LogSink,
    work: @escaping @Sendable (Int, LogSink) async throws -> Void
) async throws {
    try await RequestContext.$requestID.withValue(id) {
        try await withThrowingDiscardingTaskGroup { group in
            for item in items {
                group.addTask { try await work(item, sink) }
            }
        }
    }
}
