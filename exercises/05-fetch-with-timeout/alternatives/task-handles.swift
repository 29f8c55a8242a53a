import Foundation
import InterviewKit

// Intent: two tasks I keep handles to: the request, and a timer on the injected clock that cancels
// the request when the deadline passes. I await the request; if it ends because the timer cancelled
// it, that is a TimeoutError. Whatever happens I cancel the timer and await it before returning,
// so a successful call leaves no timer ticking, and a cancellation handler passes the caller's
// cancel on to both tasks. Nothing I start outlives the call: nothing is left running.

/// Fetches `url`, giving up with `TimeoutError` once `timeout` has passed on `clock`.
func fetch(_ url: URL, client: some HTTPClient, timeout: Duration, clock: some Clock<Duration>) async throws -> Data {
    try Task.checkCancellation()
    let request = Task { try await client.get(url) }
    let timer = Task {
        try await clock.sleep(for: timeout)
        request.cancel()
        return true  // the deadline passed
    }
    return try await withTaskCancellationHandler {
        let outcome = await request.result
        timer.cancel()
        let timerResult = await timer.result
        // A caller who gave up gets CancellationError, whatever the request did meanwhile.
        try Task.checkCancellation()
        if case .success(let data) = outcome { return data }
        if case .success(true) = timerResult { throw TimeoutError() }
        return try outcome.get()
    } onCancel: {
        request.cancel()
        timer.cancel()
    }
}
