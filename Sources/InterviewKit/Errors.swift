/// Thrown by a channel's `send` once the channel is closed (exercise `bounded-channel`).
public struct ChannelClosed: Error, Equatable, Sendable {
    /// Creates the error.
    public init() {}
}

/// Thrown by `JobTracker.submit` after `shutdown()` (exercise `job-tracker`).
public struct ShutdownError: Error, Equatable, Sendable {
    /// Creates the error.
    public init() {}
}
