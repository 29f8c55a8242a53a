import Synchronization

/// Reports where a piece of code runs (exercise `isolation-quiz`).
public enum IsolationProbe {
    private static let observer = Mutex<(@Sendable (_ label: String, _ isolation: String) -> Void)?>(nil)

    /// Sets (or clears) the function told every recorded label and where it ran.
    public static func observe(_ body: (@Sendable (_ label: String, _ isolation: String) -> Void)?) {
        observer.withLock { $0 = body }
    }

    /// Records that the code labelled `label` runs with `isolation`, reported as "MainActor",
    /// "nonisolated" or the name of the actor's type; leave `isolation` out so it is the caller's.
    public static func record(_ label: String, isolation: isolated (any Actor)? = #isolation) {
        let place = isolation.map { String(describing: type(of: $0)) } ?? "nonisolated"
        let body = observer.withLock { $0 }
        body?(label, place)
    }
}
