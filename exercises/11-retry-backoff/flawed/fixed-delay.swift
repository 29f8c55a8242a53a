// expect: fail concurrency
import Foundation
import InterviewKit

// Intent: retry in a loop with a pause between attempts; non-retryable errors and
// cancellation are thrown at once, and there is no pause after the last attempt.

func withRetry<T: Sendable>(
    _ policy: RetryPolicy,
    clock: some Clock<Duration>,
    isRetryable: @escaping @Sendable (any Error) -> Bool = { _ in true },
    operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    var attempt = 1
    while true {
        do {
            return try await operation()
        } catch let error as CancellationError {
            throw error
        } catch {
            guard attempt < policy.maxAttempts, isRetryable(error) else { throw error }
            // The same pause every time: no growth, no cap.
            try await clock.sleep(for: policy.initialDelay)
            attempt += 1
        }
    }
}
