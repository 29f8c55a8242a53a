import Foundation
import InterviewKit

// Intent: every request runs at once as a child of a task group, and each child races its
// own request against its own timer on the injected clock, so a slow host gets a
// TimeoutError for its own URL only and its request is cancelled at the deadline; the
// total is at most the time-out, never the sum. Each child turns its outcome into a Result
// (a failure keeps its own error and cancels nothing) tagged with its index, so the results
// go back in input order. Everything is structured: nothing outlives the call.

/// Fetches every URL concurrently, each with its own time-out, and returns a result per URL.
func fetchAllResilient(_ urls: [URL], client: some HTTPClient, timeout: Duration, clock: some Clock<Duration>) async -> [Result<Data, any Error>] {
    await withTaskGroup(of: (Int, Result<Data, any Error>).self) { group in
        for (index, url) in urls.enumerated() {
            group.addTask {
                do {
                    return (index, .success(try await fetchWithTimeout(url, client: client, timeout: timeout, clock: clock)))
                } catch {
                    // A failure or a time-out is this URL's outcome, not the batch's.
                    return (index, .failure(error))
                }
            }
        }
        var results = [Result<Data, any Error>?](repeating: nil, count: urls.count)
        for await (index, result) in group {
            results[index] = result
        }
        return results.map { $0! }
    }
}

/// One request raced against its own timer: the body, the client's error, or `TimeoutError`.
private func fetchWithTimeout(_ url: URL, client: some HTTPClient, timeout: Duration, clock: some Clock<Duration>) async throws -> Data {
    try await withThrowingTaskGroup(of: Data.self) { group in
        group.addTask { try await client.get(url) }
        group.addTask {
            try await clock.sleep(for: timeout)
            throw TimeoutError()
        }
        // Whoever loses is cancelled at once: the request on time-out, the timer on success.
        defer { group.cancelAll() }
        return try await group.next()!
    }
}
