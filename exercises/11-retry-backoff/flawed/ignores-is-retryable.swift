// expect: fail errors
import Foundation
import InterviewKit

// Intent: capped exponential backoff, cancellation never retried; every other failure
// gets another attempt until maxAttempts is used up.

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
        } catch let error as CancellationError {
            throw error
        } catch {
            // Never asks isRetryable: a bad request is retried like a time-out.
            guard attempt < policy.maxAttempts else { throw error }
            try await clock.sleep(for: delay)
            delay = min(delay * policy.multiplier, policy.maxDelay)
            attempt += 1
        }
    }
}
