import Foundation
import InterviewKit

// Intent: retry as recursion, one attempt per call, so the attempts run one after another: try
// the operation; if it fails with a retryable error and attempts remain, sleep the current delay
// on the injected clock and recurse with the delay grown by the multiplier and capped at
// maxDelay (the first delay is capped as well). Otherwise the error is thrown at once: the last
// error, a non-retryable one, or a CancellationError, which is never retried; a wait cut short by
// cancellation throws before another attempt starts.

/// Calls `operation` until it succeeds, backing off exponentially between attempts.
func withRetry<T: Sendable>(
    _ policy: RetryPolicy,
    clock: some Clock<Duration>,
    isRetryable: @escaping @Sendable (any Error) -> Bool = { _ in true },
    operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await attempt(
        1, delay: min(policy.initialDelay, policy.maxDelay), policy: policy, clock: clock,
        isRetryable: isRetryable, operation: operation)
}

/// Makes attempt number `number`, and after a retryable failure waits `delay` and makes the next.
private func attempt<T: Sendable>(
    _ number: Int, delay: Duration, policy: RetryPolicy, clock: some Clock<Duration>,
    isRetryable: @Sendable (any Error) -> Bool,
    operation: @Sendable () async throws -> T
) async throws -> T {
    do {
        return try await operation()
    } catch is CancellationError {
        throw CancellationError()
    } catch {
        guard number < policy.maxAttempts, isRetryable(error) else { throw error }
        try await clock.sleep(for: delay)
        return try await attempt(
            number + 1, delay: min(delay * policy.multiplier, policy.maxDelay), policy: policy, clock: clock,
            isRetryable: isRetryable, operation: operation)
    }
}
