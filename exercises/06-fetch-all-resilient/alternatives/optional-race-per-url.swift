import Foundation
import InterviewKit

// Intent: each URL is a child of one task group, so all requests run concurrently, and each child
// runs its own small race: the request against its own timer on the injected clock. The timer
// answers nil, the first child to finish decides, and the loser is cancelled, so a hung host costs
// at most the time-out and gets TimeoutError for its own URL only. Each child hands back a Result
// tagged with its index; a failure keeps its own error and cancels nothing else.

/// Fetches every URL concurrently, each with its own time-out, and returns a result per URL.
func fetchAllResilient(_ urls: [URL], client: some HTTPClient, timeout: Duration, clock: some Clock<Duration>) async -> [Result<Data, any Error>] {
    await withTaskGroup(of: (Int, Result<Data, any Error>).self) { group in
        for (index, url) in urls.enumerated() {
            group.addTask {
                do {
                    guard let body = try await firstOf(client.get, url, orNilAfter: timeout, on: clock) else {
                        return (index, .failure(TimeoutError()))
                    }
                    return (index, .success(body))
                } catch {
                    return (index, .failure(error))
                }
            }
        }
        var results: [Int: Result<Data, any Error>] = [:]
        while let (index, result) = await group.next() {
            results[index] = result
        }
        return urls.indices.map { results[$0]! }
    }
}

/// `load(url)`, or nil if `timeout` passes on `clock` first; the loser is cancelled.
private func firstOf(
    _ load: @escaping @Sendable (URL) async throws -> Data, _ url: URL,
    orNilAfter timeout: Duration, on clock: some Clock<Duration>
) async throws -> Data? {
    try await withThrowingTaskGroup(of: Data?.self) { race in
        race.addTask { try await load(url) }
        race.addTask {
            try await clock.sleep(for: timeout)
            return nil
        }
        defer { race.cancelAll() }
        return try await race.next()!
    }
}
