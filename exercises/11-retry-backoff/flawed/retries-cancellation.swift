// expect: fail cancellation
import Foundation
import InterviewKit

// Intent: exponential backoff capped at maxDelay; the retry decision is left to isRetryable.

func withRetry<T: Sendable>(
    _ policy: RetryPolicy,
    clock: some Clock<Duration>,
    isRetryable: @escaping @Sendable (any Error) -> Bool = { _ in true },
    operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    var delay = min(policy.initialDelay, policy.maxDelay)
    var attempt = 1
    while true {
        do {
            return try await operation()
        } catch {
            // A CancellationError is retried like any other error.
            guard attempt < policy.maxAttempts, isRetryable(error) else { throw error }
            try await clock.sleep(for: delay)
            delay = min(delay * policy.multiplier, policy.maxDelay)
            attempt += 1
        }
    }
}
