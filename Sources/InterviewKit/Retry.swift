/// How often and how patiently to retry (exercise `retry-backoff`).
public struct RetryPolicy: Sendable, Equatable {
    /// The most calls of the operation, the first one included.
    public var maxAttempts: Int
    /// The wait before the second attempt.
    public var initialDelay: Duration
    /// Each further wait is the previous one times this.
    public var multiplier: Double
    /// No wait is longer than this.
    public var maxDelay: Duration
    /// Creates a policy.
    public init(maxAttempts: Int, initialDelay: Duration, multiplier: Double, maxDelay: Duration) {
        self.maxAttempts = maxAttempts
        self.initialDelay = initialDelay
        self.multiplier = multiplier
        self.maxDelay = maxDelay
    }
}
