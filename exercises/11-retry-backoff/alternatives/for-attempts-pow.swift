import Foundation
import InterviewKit

// Intent: attempts depend on each other, so a plain sequential loop over attempt numbers is right.
// Before attempt n+1 I wait initialDelay × multiplier^(n−1), capped at maxDelay, on the injected
// clock, so the backoff is exponential and the first wait is capped too. The last attempt's
// error, or any non-retryable error, is thrown at once with no wait after it. Cancellation is
// never retried: CancellationError is rethrown, and a cancelled wait throws out of the loop.

/// Calls `operation` until it succeeds, backing off exponentially between attempts.
func withRetry<T: Sendable>(
    _ policy: RetryPolicy,
    clock: some Clock<Duration>,
    isRetryable: @escaping @Sendable (any Error) -> Bool = { _ in true },
    operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    for attempt in 1...max(policy.maxAttempts, 1) {
        do {
            return try await operation()
        } catch {
            let isLast = attempt >= policy.maxAttempts
            if error is CancellationError || isLast || !isRetryable(error) { throw error }
            let grown = policy.initialDelay * pow(policy.multiplier, Double(attempt - 1))
            try await clock.sleep(for: min(grown, policy.maxDelay))
        }
    }
    // The loop returns or throws on its last attempt.
    throw CancellationError()
}
