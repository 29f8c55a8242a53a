import Foundation
import InterviewKit

// Intent: every request starts at the same moment and gets the same time-out, so each request's
// own deadline is the same instant: one timer on the injected clock serves them all. One task
// group holds every request and that timer, all running concurrently. Each request reports a
// Result for its own index, so a failure keeps its own error and cancels nothing. If the timer
// fires first, every URL still missing gets TimeoutError and cancelAll cancels exactly the
// requests that timed out; if every request answers first, the timer is cancelled. The group
// waits for its children, so nothing is left running when the call returns.

/// What a child of the batch reports.
private enum Event: Sendable {
    case answered(Int, Result<Data, any Error>)
    case deadline
}

/// Fetches every URL concurrently, each with its own time-out, and returns a result per URL.
func fetchAllResilient(_ urls: [URL], client: some HTTPClient, timeout: Duration, clock: some Clock<Duration>) async -> [Result<Data, any Error>] {
    guard !urls.isEmpty else { return [] }
    return await withTaskGroup(of: Event.self) { group in
        for (index, url) in urls.enumerated() {
            group.addTask {
                do {
                    return .answered(index, .success(try await client.get(url)))
                } catch {
                    return .answered(index, .failure(error))
                }
            }
        }
        group.addTask {
            // A cancelled timer simply ends; the loop below has stopped listening by then.
            try? await clock.sleep(for: timeout)
            return .deadline
        }
        var results = [Result<Data, any Error>?](repeating: nil, count: urls.count)
        var missing = urls.count
        for await event in group {
            switch event {
            case .answered(let index, let result):
                results[index] = result
                missing -= 1
            case .deadline:
                missing = 0
            }
            if missing == 0 { break }
        }
        // Cancels the timer, or the requests that ran out of time.
        group.cancelAll()
        return results.map { $0 ?? .failure(TimeoutError()) }
    }
}
