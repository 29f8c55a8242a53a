// expect: fail concurrency
import Foundation
import InterviewKit

// Intent: fetch and process one record after another so each one is done before we return.

func syncAll(
    _ ids: [Int],
    fetch: @escaping @Sendable (Int) async throws -> Record,
    process: @escaping @Sendable (Record) async throws -> Void
) async throws {
    for id in ids {
        let record = try await fetch(id)
        try await process(record)
    }
}
