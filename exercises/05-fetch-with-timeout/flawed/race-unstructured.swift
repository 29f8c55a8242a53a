// expect: fail cancellation resources
import Foundation
import InterviewKit
import Synchronization

// Intent: race the request against a timer, like Promise.race: two tasks, and whichever
// finishes first resumes the caller.

/// Resumes a continuation once; later calls are ignored.
final class FirstWins: Sendable {
    private let continuation: Mutex<CheckedContinuation<Data, any Error>?>

    init(_ continuation: CheckedContinuation<Data, any Error>) {
        self.continuation = Mutex(continuation)
    }

    func finish(_ result: Result<Data, any Error>) {
        let pending = continuation.withLock { stored in
            defer { stored = nil }
            return stored
        }
        pending?.resume(with: result)
    }
}

func fetch(_ url: URL, client: some HTTPClient, timeout: Duration, clock: some Clock<Duration>) async throws -> Data {
    try await withCheckedThrowingContinuation { continuation in
        let race = FirstWins(continuation)
        // Neither task is cancelled when the other wins: the loser runs on.
        Task {
            do {
                race.finish(.success(try await client.get(url)))
            } catch {
                race.finish(.failure(error))
            }
        }
        Task {
            try? await clock.sleep(for: timeout)
            race.finish(.failure(TimeoutError()))
        }
    }
}
