import Synchronization

/// The request a piece of work belongs to (exercise `task-local-context`).
public enum RequestContext {
    /// The id of the request the current task is serving, if any.
    @TaskLocal public static var requestID: String?
}

/// Collects log lines together with the request id bound when each was logged.
public final class LogSink: Sendable {
    private let lines = Mutex<[(requestID: String?, message: String)]>([])

    /// Creates an empty sink.
    public init() {}

    /// Records `message` with the current `RequestContext.requestID`.
    public func log(_ message: String) {
        let id = RequestContext.requestID
        lines.withLock { $0.append((id, message)) }
    }

    /// Every line logged so far, in order.
    public var entries: [(requestID: String?, message: String)] {
        lines.withLock { $0 }
    }
}
