// expect: fail correctness concurrency errors resources
import Foundation
import InterviewKit

// Intent: start every record at once with forEach and Task so the batch runs in parallel.

func syncAll(
    _ ids: [Int],
    fetch: @escaping @Sendable (Int) async throws -> Record,
    process: @escaping @Sendable (Record) async throws -> Void
) async throws {
    ids.forEach { id in
        Task {
            let record = try await fetch(id)
            try await process(record)
        }
    }
}
