import Foundation
import InterviewKit

// Intent: I race the request against a timer on the injected clock, as two child tasks of a
// throwing task group, and take whichever finishes first: the body, the client's error, or
// the timer's TimeoutError. As soon as there is a winner I cancel the loser (cancelAll), so
// on success the timer stops at once and never fires, and on time-out the request is
// cancelled instead of running on. Being structured, the group also passes the caller's
// cancellation to both children, and it cannot return while either is still alive.

/// Fetches `url`, giving up with `TimeoutError` once `timeout` has passed on `clock`.
func fetch(_ url: URL, client: some HTTPClient, timeout: Duration, clock: some Clock<Duration>) async throws -> Data {
    try await withThrowingTaskGroup(of: Data.self) { group in
        group.addTask {
            try await client.get(url)
        }
        group.addTask {
            // Cancelling this child ends the sleep early with CancellationError.
            try await clock.sleep(for: timeout)
            throw TimeoutError()
        }
        // The first child to finish decides the outcome; whoever is left is cancelled, not
        // awaited to its natural end (a group awaits remaining children when it returns).
        defer { group.cancelAll() }
        // Rethrows the winner's error: the client's own error, TimeoutError, or
        // CancellationError when the caller was cancelled.
        return try await group.next()!
    }
}
