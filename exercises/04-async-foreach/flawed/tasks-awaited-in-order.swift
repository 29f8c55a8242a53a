// expect: fail errors resources
import Foundation
import InterviewKit

// Intent: start one Task per record so they run at once, then await each of them.

func syncAll(
    _ ids: [Int],
    fetch: @escaping @Sendable (Int) async throws -> Record,
    process: @escaping @Sendable (Record) async throws -> Void
) async throws {
    let tasks = ids.map { id in
        Task {
            let record = try await fetch(id)
            try await process(record)
        }
    }
    for task in tasks {
        // When one task throws, the tasks after it are neither cancelled nor awaited.
        try await task.value
    }
}
