// expect: fail correctness
import Foundation
import InterviewKit

// Intent: every request runs at once in a task group, each raced against its own timer on the
// given clock, so a slow host gets a TimeoutError for its own URL and its request is
// cancelled at the deadline. Each child turns its outcome into a Result.

func fetchAllResilient(_ urls: [URL], client: some HTTPClient, timeout: Duration, clock: some Clock<Duration>) async -> [Result<Data, any Error>] {
    await withTaskGroup(of: Result<Data, any Error>.self) { group in
        for url in urls {
            group.addTask {
                do {
                    return .success(try await fetchOne(url, client: client, timeout: timeout, clock: clock))
                } catch {
                    return .failure(error)
                }
            }
        }
        // Collected as they finish, so the results follow the responses, not the URLs.
        var results: [Result<Data, any Error>] = []
        for await result in group { results.append(result) }
        return results
    }
}

private func fetchOne(_ url: URL, client: some HTTPClient, timeout: Duration, clock: some Clock<Duration>) async throws -> Data {
    try await withThrowingTaskGroup(of: Data.self) { group in
        group.addTask { try await client.get(url) }
        group.addTask {
            try await clock.sleep(for: timeout)
            throw TimeoutError()
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}
