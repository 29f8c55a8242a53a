// expect: fail concurrency cancellation
import Foundation
import InterviewKit

// Intent: every request at once, each racing its own timer in a small task group; the first
// to finish is that URL's result.

func fetchAllResilient(_ urls: [URL], client: some HTTPClient, timeout: Duration, clock: some Clock<Duration>) async -> [Result<Data, any Error>] {
    await withTaskGroup(of: (Int, Result<Data, any Error>).self) { group in
        for (index, url) in urls.enumerated() {
            group.addTask { (index, await fetchOne(url, client: client, timeout: timeout, clock: clock)) }
        }
        var results = [Result<Data, any Error>?](repeating: nil, count: urls.count)
        for await (index, result) in group {
            results[index] = result
        }
        return results.map { $0! }
    }
}

func fetchOne(_ url: URL, client: some HTTPClient, timeout: Duration, clock: some Clock<Duration>) async -> Result<Data, any Error> {
    await withTaskGroup(of: Result<Data, any Error>.self) { race in
        race.addTask {
            do {
                return .success(try await client.get(url))
            } catch {
                return .failure(error)
            }
        }
        race.addTask {
            try? await clock.sleep(for: timeout)
            return .failure(TimeoutError())
        }
        // No cancelAll(): the group waits for the loser, so a timed-out request runs on to
        // its end and every fast request waits for its timer.
        return await race.next()!
    }
}
