// expect: fail correctness
import Foundation
import InterviewKit

// Intent: run every request at once in a task group and collect the bodies as they arrive.

func fetchAll(_ urls: [URL], client: some HTTPClient) async throws -> [Data] {
    try await withThrowingTaskGroup(of: Data.self) { group in
        for url in urls {
            group.addTask { try await client.get(url) }
        }
        var bodies: [Data] = []
        // Appends in completion order, not input order.
        for try await body in group {
            bodies.append(body)
        }
        return bodies
    }
}
