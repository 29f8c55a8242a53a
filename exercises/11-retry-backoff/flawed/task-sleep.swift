// expect: fail concurrency correctness errors
import Foundation
import InterviewKit

// Intent: attempts depend on each other, so this is a sequential loop: an attempt, and only
// after a retryable failure a wait that grows by the multiplier up to maxDelay. A
// non-retryable error, the last attempt's error and cancellation are thrown at once.

func withRetry<T: Sendable>(
    _ policy: RetryPolicy,
    clock: some Clock<Duration>,
    isRetryable: @escaping @Sendable (any Error) -> Bool = { _ in true },
    operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    var delay = min(policy.initialDelay, policy.maxDelay)
    var attempt = 1
    while true {
        try Task.checkCancellation()
        do {
            return try await operation()
        } catch let error as CancellationError {
            throw error
        } catch {
            guard attempt < policy.maxAttempts, isRetryable(error) else { throw error }
            // Waits on the real clock, not the one it was given.
            try await Task.sleep(for: delay)
            delay = min(delay * policy.multiplier, policy.maxDelay)
            attempt += 1
        }
    }
}
