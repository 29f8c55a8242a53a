import Foundation
import InterviewKit

// Intent: (say in a sentence or two why your code has the shape it has)

/// Processes every item of the request `id`; `work` logs to `sink`.
func handleRequest(
    id: String, items: [Int], sink: LogSink,
    work: @escaping @Sendable (Int, LogSink) async throws -> Void
) async throws {
    for item in items {
        // The sink reads RequestContext.requestID, but nothing has bound it here.
        try await work(item, sink)
    }
}
