// expect: fail errors cancellation
import Foundation
import InterviewKit

// Intent: I race the request against a timer as two child tasks of a throwing task group and
// take whichever finishes first; then cancelAll() stops the loser, so on success the timer
// stops at once and on time-out the request is cancelled. The group passes the caller's
// cancellation to both children.

func fetch(_ url: URL, client: some HTTPClient, timeout: Duration, clock: some Clock<Duration>) async throws -> Data {
    try await withThrowingTaskGroup(of: Data.self) { group in
        group.addTask {
            try await client.get(url)
        }
        group.addTask {
            // Sleeps on the real clock: the clock parameter is never used.
            try await Task.sleep(for: timeout)
            throw TimeoutError()
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}
