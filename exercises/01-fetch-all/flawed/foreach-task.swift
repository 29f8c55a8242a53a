// expect: fail correctness concurrency errors cancellation resources
import Foundation
import InterviewKit
import Synchronization

// Intent: kick off every request with forEach and Task so nothing waits.

final class Bodies: Sendable {
    let storage = Mutex<[Data]>([])
}

func fetchAll(_ urls: [URL], client: some HTTPClient) async throws -> [Data] {
    let bodies = Bodies()
    urls.forEach { url in
        Task {
            let body = try await client.get(url)
            bodies.storage.withLock { $0.append(body) }
        }
    }
    // Returns before any of the tasks has finished.
    return bodies.storage.withLock { $0 }
}
