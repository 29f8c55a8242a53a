import Foundation
import InterviewKit

// Intent: I race the request against a timer on the injected clock as two child tasks of one task
// group. The timer does not throw: it reports `.timedOut` as an ordinary outcome, and whichever
// child finishes first decides the result. Then cancelAll cancels the loser: the request when
// the deadline passed, the timer when the body came first. Because the children are structured,
// the caller's cancellation reaches both and nothing outlives the call.

/// What the first child to finish reports.
private enum Outcome: Sendable {
    case body(Data)
    case timedOut
}

/// Fetches `url`, giving up with `TimeoutError` once `timeout` has passed on `clock`.
func fetch(_ url: URL, client: some HTTPClient, timeout: Duration, clock: some Clock<Duration>) async throws -> Data {
    let first = try await withThrowingTaskGroup(of: Outcome.self) { group in
        group.addTask { .body(try await client.get(url)) }
        group.addTask {
            try await clock.sleep(for: timeout)
            return .timedOut
        }
        defer { group.cancelAll() }
        for try await outcome in group {
            return outcome
        }
        // Both children always report or throw, so the loop never ends empty.
        throw CancellationError()
    }
    switch first {
    case .body(let data):
        return data
    case .timedOut:
        throw TimeoutError()
    }
}
