import Foundation
import InterviewKit

// Intent: (say in a sentence or two why your code has the shape it has)

/// Calls `operation` until it succeeds, backing off exponentially between attempts.
func withRetry<T: Sendable>(
    _ policy: RetryPolicy,
    clock: some Clock<Duration>,
    isRetryable: @escaping @Sendable (any Error) -> Bool = { _ in true },
    operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    var lastError: (any Error)?
    for _ in 0..<policy.maxAttempts {
        do {
            return try await operation()
        } catch {
            // Every error is retried, always after the same pause.
            lastError = error
            try await clock.sleep(for: policy.initialDelay)
        }
    }
    throw lastError ?? CancellationError()
}
