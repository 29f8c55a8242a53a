// expect: fail concurrency
import Foundation
import InterviewKit

// Intent: fetch one URL after another, each raced against its own timer, and record a
// result per URL in order.

func fetchAllResilient(_ urls: [URL], client: some HTTPClient, timeout: Duration, clock: some Clock<Duration>) async -> [Result<Data, any Error>] {
    var results: [Result<Data, any Error>] = []
    for url in urls {
        // Each request, time-out included, waits for the one before it.
        do {
            let body = try await withThrowingTaskGroup(of: Data.self) { group in
                group.addTask { try await client.get(url) }
                group.addTask {
                    try await clock.sleep(for: timeout)
                    throw TimeoutError()
                }
                defer { group.cancelAll() }
                return try await group.next()!
            }
            results.append(.success(body))
        } catch {
            results.append(.failure(error))
        }
    }
    return results
}
