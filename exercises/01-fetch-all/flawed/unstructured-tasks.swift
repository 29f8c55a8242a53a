// expect: fail errors cancellation resources
import Foundation
import InterviewKit

// Intent: start one Task per URL so they all run at once, then await them in order.

func fetchAll(_ urls: [URL], client: some HTTPClient) async throws -> [Data] {
    let tasks = urls.map { url in
        Task { try await client.get(url) }
    }
    var bodies: [Data] = []
    for task in tasks {
        // When one task throws, the others keep running: nobody cancels them.
        bodies.append(try await task.value)
    }
    return bodies
}
