import ResultsFormat
import Synchronization

/// Records calls of a fake as they start and end in virtual time: how many ran at once,
/// which were cancelled, which are still running.
public final class WorkLog<Label: Sendable & Hashable>: @unchecked Sendable {
    /// One call, as the fake saw it.
    public struct Call: Sendable {
        /// What the call was for (a URL, an id, a query).
        public let label: Label
        /// When it started, in virtual time.
        public let start: Duration
        /// When it ended, if it has.
        public var end: Duration?
        /// Whether it ended because its task was cancelled.
        public var cancelled = false
        /// Whether it ended by throwing an error (cancellation included).
        public var failed = false
    }

    private struct State {
        var calls: [Call] = []
        var inFlight = 0
        var maxInFlight = 0
    }

    private let clock: TestClock
    private let state = Mutex(State())

    /// Creates a log that stamps calls with `clock`'s time; `lane` names its calls in the
    /// timeline the tutor draws ("fetch" draws call 3 on the lane "fetch 3").
    public init(clock: TestClock, lane: String? = nil) {
        self.clock = clock
        TimelineRecorder.watch(clock: clock) { [self] in
            calls.map { call in
                let outcome: ResultsFormat.SpanOutcome = call.end == nil ? .running : call.cancelled ? .cancelled : call.failed ? .failed : .ok
                return .init(lane: TimelineRecorder.lane(call.label, prefix: lane), start: call.start, end: call.end, outcome: outcome)
            }
        }
    }

    /// Runs `body` as one logged call: counted in flight from start to end.
    public func record<T>(_ label: Label, _ body: () async throws -> T) async throws -> T {
        let index = state.withLock { state -> Int in
            state.calls.append(Call(label: label, start: clock.elapsed))
            state.inFlight += 1
            state.maxInFlight = max(state.maxInFlight, state.inFlight)
            return state.calls.count - 1
        }
        do {
            let value = try await body()
            end(index, error: nil)
            return value
        } catch {
            end(index, error: error)
            throw error
        }
    }

    /// Sleeps `latency` on the clock as one logged call, then returns or throws as `result` says.
    /// A nil latency waits until cancelled. Cancellation ends the call with `CancellationError`.
    public func perform<T>(_ label: Label, latency: Duration?, result: () throws -> T) async throws -> T {
        try await record(label) {
            if let latency {
                try await clock.sleep(for: latency)
            } else {
                try await clock.sleep(until: TestClock.Instant(offset: .seconds(1_000_000_000)))
            }
            return try result()
        }
    }

    private func end(_ index: Int, error: (any Error)?) {
        state.withLock { state in
            state.inFlight -= 1
            state.calls[index].end = clock.elapsed
            state.calls[index].failed = error != nil
            state.calls[index].cancelled = error is CancellationError
        }
    }

    /// Every call so far, in the order they started.
    public var calls: [Call] { state.withLock { $0.calls } }
    /// Calls started and not yet ended.
    public var inFlight: Int { state.withLock { $0.inFlight } }
    /// The most calls in flight at one moment.
    public var maxInFlight: Int { state.withLock { $0.maxInFlight } }
    /// Labels of the calls that ended by cancellation.
    public var cancelled: [Label] { calls.filter(\.cancelled).map(\.label) }
    /// Labels of the calls that have not ended.
    public var unfinished: [Label] { calls.filter { $0.end == nil }.map(\.label) }

    /// When the first call for `label` ended, if it has.
    public func endOfFirstCall(_ label: Label) -> Duration? {
        calls.first { $0.label == label }?.end
    }

    /// Calls that were running at `instant` and then ran on to the end instead of being cancelled.
    public func keptRunning(after instant: Duration, except label: Label? = nil) -> [Call] {
        calls.filter { call in
            call.label != label && call.start <= instant && (call.end.map { $0 > instant } ?? true) && !call.cancelled
        }
    }
}
