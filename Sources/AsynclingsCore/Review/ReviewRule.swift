/// The misstep a review note is about; the raw values are the rule ids of SPEC's table, in its order.
public enum ReviewRule: String, Codable, Sendable, CaseIterable, CustomStringConvertible {
    /// Awaiting each iteration's work in turn where the exercise wants it side by side.
    case sequentialAwaitInLoop = "sequential-await-in-loop"
    /// An async closure handed to `forEach`.
    case asyncForEach = "async-foreach"
    /// A `Task { }` whose handle is dropped.
    case droppedTask = "dropped-task"
    /// An error caught and ignored.
    case swallowedError = "swallowed-error"
    /// A thread-blocking wait in async code.
    case blockingCall = "blocking-call"
    /// `Task.detached` where structure was possible.
    case detachedTask = "detached-task"
    /// A task group with no limit where the exercise asks for one.
    case unboundedGroup = "unbounded-group"
    /// A long loop that never checks for cancellation.
    case noCancellationCheck = "no-cancellation-check"
    /// `@unchecked Sendable`.
    case uncheckedSendable = "unchecked-sendable"
    /// `nonisolated(unsafe)`.
    case nonisolatedUnsafe = "nonisolated-unsafe"
    /// An unsafe continuation.
    case unsafeContinuation = "unsafe-continuation"
    /// Waiting on the real clock where the exercise hands one in.
    case realClock = "real-clock"
    /// `@preconcurrency import`.
    case preconcurrencyImport = "preconcurrency-import"
    /// Dispatch, threads or locks left in an answer that migrates away from them.
    case legacySync = "legacy-sync"
    /// An `isolation:` argument passed by hand.
    case explicitIsolation = "explicit-isolation"

    /// The rule id, as written in reports and exercise.json.
    public var description: String { rawValue }
}
