// expect: fail correctness
import Foundation
import InterviewKit

// Intent: bind the request ID, then run each item in its own detached task so they all run at
// once, and await them.

func handleRequest(
    id: String, items: [Int], sink: LogSink,
    work: @escaping @Sendable (Int, LogSink) async throws -> Void
) async throws {
    try await RequestContext.$requestID.withValue(id) {
        // Detached tasks inherit nothing: no task-locals, no priority, no cancellation.
        let tasks = items.map { item in
            Task.detached { try await work(item, sink) }
        }
        for task in tasks {
            try await task.value
        }
    }
}
