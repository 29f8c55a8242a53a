// expect: fail concurrency
import Foundation
import InterviewKit

// Intent: try up to maxAttempts times with a capped exponential backoff between them,
// throwing non-retryable errors and cancellation at once.

func withRetry<T: Sendable>(
    _ policy: RetryPolicy,
    clock: some Clock<Duration>,
    isRetryable: @escaping @Sendable (any Error) -> Bool = { _ in true },
    operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    var delay = min(policy.initialDelay, policy.maxDelay)
    var lastError: (any Error)?
    for _ in 0..<policy.maxAttempts {
        do {
            return try await operation()
        } catch let error as CancellationError {
            throw error
        } catch {
            guard isRetryable(error) else { throw error }
            lastError = error
            // Also waits after the final attempt, when no retry is coming.
            try await clock.sleep(for: delay)
            delay = min(delay * policy.multiplier, policy.maxDelay)
        }
    }
    throw lastError!
}
