// expect: fail concurrency
import Foundation
import InterviewKit

// Intent: bind the request ID as a task-local, then process the items one by one.

func handleRequest(
    id: String, items: [Int], sink: LogSink,
    work: @escaping @Sendable (Int, LogSink) async throws -> Void
) async throws {
    try await RequestContext.$requestID.withValue(id) {
        for item in items {
            try await work(item, sink)
        }
    }
}
