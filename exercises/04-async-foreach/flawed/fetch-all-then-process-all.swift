// expect: fail concurrency
import Foundation
import InterviewKit

func syncAll(
    _ ids: [Int],
    fetch: @escaping @Sendable (Int) async throws -> Record,
    process: @escaping @Sendable (Record) async throws -> Void
) async throws {
    // Phase 1: fetch everything concurrently.
    let records = try await withThrowingTaskGroup(of: Record.self) { group in
        for id in ids { group.addTask { try await fetch(id) } }
        var records: [Record] = []
        for try await record in group { records.append(record) }
        return records
    }
    // Phase 2: process everything concurrently.
    try await withThrowingTaskGroup(of: Void.self) { group in
        for record in records { group.addTask { try await process(record) } }
        for try await _ in group {}
    }
}
