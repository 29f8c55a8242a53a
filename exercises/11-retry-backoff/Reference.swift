import Foundation
import InterviewKit

// Intent: attempts depend on each other, so this is a sequential loop on purpose: one
// attempt, and only if it failed with a retryable error, a wait, then the next attempt.
// The wait grows by the multiplier and is capped at maxDelay (the first wait too), and it
// sleeps on the injected clock so it can be tested and cancelled. After the last attempt,
// or on a non-retryable error, the error is thrown at once with no wait. Cancellation is
// never retried: a CancellationError from the operation is rethrown, and a cancelled wait
// throws out of the loop before another attempt can start.

/// Calls `operation` until it succeeds, backing off exponentially between attempts.
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
            // Someone gave up on this work: retrying would only undo their decision.
            throw error
        } catch {
            guard attempt < policy.maxAttempts, isRetryable(error) else { throw error }
            // Throws CancellationError at once if the caller is cancelled while we wait.
            try await clock.sleep(for: delay)
            delay = min(delay * policy.multiplier, policy.maxDelay)
            attempt += 1
        }
    }
}
