// expect: fail resources
import Foundation
import InterviewKit

// Intent: run the request in a task and start a timer task that cancels the request at the
// deadline; a request cancelled by the timer means we timed out.

func fetch(_ url: URL, client: some HTTPClient, timeout: Duration, clock: some Clock<Duration>) async throws -> Data {
    let request = Task { try await client.get(url) }
    // The timer: it is never cancelled, so after a success it sleeps on to the deadline.
    Task {
        try await clock.sleep(for: timeout)
        request.cancel()
    }
    return try await withTaskCancellationHandler {
        do {
            return try await request.value
        } catch is CancellationError {
            // The caller's own cancellation stays a CancellationError; the timer's becomes a time-out.
            if Task.isCancelled { throw CancellationError() }
            throw TimeoutError()
        }
    } onCancel: {
        request.cancel()
    }
}
