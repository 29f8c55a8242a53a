import Foundation
import InterviewKit

// Intent: I bind the request ID as a task-local value with `withValue`, and start one Task per
// item inside that scope. A `Task { }` (unlike a detached one) inherits the task-local values of
// the task that creates it, so every line logged for this request carries its ID, and other
// requests keep theirs. The items run concurrently; I keep every handle and await each one, cancel
// the rest on the first error and throw it, and pass the caller's cancellation on, so no item is
// left running after the call.

/// Processes every item concurrently with `RequestContext.requestID` bound to `id`.
func handleRequest(
    id: String, items: [Int], sink: LogSink,
    work: @escaping @Sendable (Int, LogSink) async throws -> Void
) async throws {
    let tasks = RequestContext.$requestID.withValue(id) {
        items.map { item in
            Task { try await work(item, sink) }
        }
    }
    try await withTaskCancellationHandler {
        var firstError: (any Error)?
        for task in tasks {
            do {
                try await task.value
            } catch {
                if firstError == nil {
                    firstError = error
                    for other in tasks { other.cancel() }
                }
            }
        }
        if let firstError { throw firstError }
    } onCancel: {
        for task in tasks { task.cancel() }
    }
}
