// expect: fail errors cancellation
import Foundation
import InterviewKit

// Intent: time the request on the clock and throw TimeoutError if it took longer than allowed.

/// Fetches `url`, giving up with `TimeoutError` once `timeout` has passed on `clock`.
func fetch(_ url: URL, client: some HTTPClient, timeout: Duration, clock: some Clock<Duration>) async throws -> Data {
    let start = clock.now
    let body = try await client.get(url)
    // Only now, after the response has arrived, do we find out it was too slow.
    if start.duration(to: clock.now) > timeout {
        throw TimeoutError()
    }
    return body
}
