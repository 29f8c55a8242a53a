// expect: fail correctness resources
import Foundation
import InterviewKit

// Intent: race the request against a timer in a task group and return whichever finishes first.

func fetch(_ url: URL, client: some HTTPClient, timeout: Duration, clock: some Clock<Duration>) async throws -> Data {
    try await withThrowingTaskGroup(of: Data.self) { group in
        group.addTask { try await client.get(url) }
        group.addTask {
            try await clock.sleep(for: timeout)
            throw TimeoutError()
        }
        // No cancelAll(): returning from the group waits for the timer to run to its deadline.
        return try await group.next()!
    }
}
