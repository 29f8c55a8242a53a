// expect: fail concurrency
import Foundation
import InterviewKit

// Intent: remember the current request's ID in a variable, and have each item's task bind it
// before doing its work, so the items run concurrently and every log line gets the ID.

/// The ID of the request being handled.
nonisolated(unsafe) var currentRequestID: String?

func handleRequest(
    id: String, items: [Int], sink: LogSink,
    work: @escaping @Sendable (Int, LogSink) async throws -> Void
) async throws {
    currentRequestID = id
    try await withThrowingTaskGroup(of: Void.self) { group in
        for item in items {
            group.addTask {
                // Read when the child starts: by then another request may have overwritten it.
                try await RequestContext.$requestID.withValue(currentRequestID) {
                    try await work(item, sink)
                }
            }
        }
        try await group.waitForAll()
    }
}
