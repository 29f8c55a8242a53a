import Synchronization

/// A clock whose time moves only when the virtual-time runner advances it.
///
/// Sleepers wait in deadline order; cancelling a sleeping task resumes it at once
/// with `CancellationError`, even when it was cancelled before it started to sleep.
public final class TestClock: Clock, @unchecked Sendable {
    /// A point on the virtual timeline, measured from the start of the run.
    public struct Instant: InstantProtocol, Sendable, CustomStringConvertible {
        /// Time since the start of the run.
        public var offset: Duration

        /// Creates an instant `offset` after the start of the run.
        public init(offset: Duration) { self.offset = offset }

        public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        public func duration(to other: Instant) -> Duration { other.offset - offset }
        public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
        public var description: String { offset.seconds }
    }

    private struct Sleeper {
        let id: Int
        let deadline: Instant
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now = Instant(offset: .zero)
        var nextID = 0
        var sleepers: [Sleeper] = []
        var cancelledBeforeRegistering: Set<Int> = []
        var sleepCount = 0
    }

    private let state = Mutex(State())

    /// Creates a clock at virtual time zero.
    public init() {}

    /// The current virtual time.
    public var now: Instant { state.withLock { $0.now } }

    /// The smallest step this clock can measure.
    public var minimumResolution: Duration { .nanoseconds(1) }

    /// Virtual time elapsed since the start of the run.
    public var elapsed: Duration { now.offset }

    /// How many tasks are sleeping on this clock right now.
    public var sleeperCount: Int { state.withLock { $0.sleepers.count } }

    /// How many times `sleep` has been called on this clock.
    public var sleepCount: Int { state.withLock { $0.sleepCount } }

    /// The deadline of the earliest sleeper, if any.
    public var nextDeadline: Instant? {
        state.withLock { $0.sleepers.min(by: Self.earlier)?.deadline }
    }

    /// Suspends until virtual time reaches `deadline`, or throws `CancellationError` if cancelled first.
    public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        let id = state.withLock { state -> Int in
            state.nextID += 1
            state.sleepCount += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                enum Action { case resume, cancel, wait }
                let action = state.withLock { state -> Action in
                    if state.cancelledBeforeRegistering.remove(id) != nil { return .cancel }
                    if deadline <= state.now { return .resume }
                    state.sleepers.append(Sleeper(id: id, deadline: deadline, continuation: continuation))
                    return .wait
                }
                switch action {
                case .resume: continuation.resume()
                case .cancel: continuation.resume(throwing: CancellationError())
                case .wait: break
                }
            }
        } onCancel: {
            let sleeper = state.withLock { state -> Sleeper? in
                if let index = state.sleepers.firstIndex(where: { $0.id == id }) {
                    return state.sleepers.remove(at: index)
                }
                state.cancelledBeforeRegistering.insert(id)
                return nil
            }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Moves time to the earliest deadline, no further than `limit`, and wakes that one sleeper.
    ///
    /// Returns false when nobody is sleeping with a deadline at or before `limit`.
    func wakeNext(notAfter limit: Instant? = nil) -> Bool {
        let sleeper = state.withLock { state -> Sleeper? in
            guard let first = state.sleepers.min(by: Self.earlier) else { return nil }
            if let limit, limit < first.deadline { return nil }
            state.sleepers.removeAll { $0.id == first.id }
            if state.now < first.deadline { state.now = first.deadline }
            return first
        }
        sleeper?.continuation.resume()
        return sleeper != nil
    }

    /// Moves time forward to `instant` without waking anyone (used before cancelling the root task).
    func move(to instant: Instant) {
        state.withLock { if $0.now < instant { $0.now = instant } }
    }

    private static func earlier(_ a: Sleeper, _ b: Sleeper) -> Bool {
        a.deadline == b.deadline ? a.id < b.id : a.deadline < b.deadline
    }
}

extension Duration {
    /// The duration in seconds, as text with up to three decimals ("0.3 s").
    public var seconds: String {
        let (whole, attoseconds) = components
        let millis = Double(whole) * 1000 + Double(attoseconds) / 1e15
        let value = (millis / 1000 * 1000).rounded() / 1000
        return "\(value) s"
    }

    /// The duration as a number of seconds.
    public var secondsValue: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) / 1e18
    }
}
