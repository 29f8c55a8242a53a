import Synchronization

/// Runs async code on the test's thread in virtual time, the way Go's synctest does:
/// run every ready job, and when none is left, jump the clock to the next deadline.
///
/// One `VirtualTime` serves one test. Create it on the test's first line: from then until the
/// test ends, every task the test starts (also in an initializer, before `run`) is queued on
/// its executor and runs only inside `run` and `settle`; so do `@MainActor` jobs (the runner
/// serves the main queue whenever its executor is idle).
public final class VirtualTime: @unchecked Sendable {
    /// The clock the fakes and the code under test sleep on.
    public let clock = TestClock()
    /// The executor every job of the run goes through.
    public let executor = VirtualExecutor()

    /// The most virtual time a run may take before it is reported as running away.
    public var virtualTimeLimit: Duration = .seconds(3600)
    /// The most jobs a run may take before it is reported as running away.
    public var jobLimit = 2_000_000

    private static let keepAlive = Mutex<[VirtualExecutor]>([])

    /// Passes over the main queue that ran main-actor work; they count against `jobLimit`.
    private var mainQueuePasses = 0
    /// Whether the hook stays installed until the test ends (else only during `run` and `settle`).
    private let hookForWholeTest: Bool

    /// Creates a fresh timeline starting at zero, and catches every task started from now on.
    ///
    /// The hook stays installed until the running test ends (or another `VirtualTime` is
    /// created). Where the running test is unknown (it started before `watchTests()`), only
    /// tasks started inside `run` and `settle` are caught.
    public init() {
        // Tasks hold their preferred executor unowned: keep every executor alive for the process.
        let executor = self.executor
        Self.keepAlive.withLock { $0.append(executor) }
        Self.watchTests()
        hookForWholeTest = TestScope.removeHookAtEndOfTest()
        if hookForWholeTest { GlobalEnqueueHook.install(executor) }
    }

    /// Follows XCTest's tests from now on, so each `VirtualTime` can catch every task its test
    /// starts. Call it before the first test (the hidden suites' entry point does); it is
    /// also called by every `VirtualTime`, which is enough from the next test on.
    public static func watchTests() {
        TestScope.watch()
    }

    /// Whether unstructured tasks are caught too (the runtime's global-enqueue hook was found).
    public static var catchesUnstructuredTasks: Bool { GlobalEnqueueHook.isAvailable }

    /// Runs `body` as the root task until it returns or throws, the run gets stuck, or runs away.
    ///
    /// - Parameter cancelAt: the virtual time at which the root task is cancelled, if any.
    public func run<T: Sendable>(
        cancelAt: Duration? = nil,
        _ body: @escaping @Sendable () async throws -> T
    ) -> RunOutcome<T> {
        let finish = Mutex<RunOutcome<T>.Ending?>(nil)
        let snapshot = Mutex<(pendingJobs: Int, sleepers: Int, at: Duration)>((0, 0, .zero))
        GlobalEnqueueHook.install(executor)
        defer { if !hookForWholeTest { GlobalEnqueueHook.uninstall() } }
        let clock = self.clock
        let executor = self.executor
        let root = Task(executorPreference: executor) {
            let ending: RunOutcome<T>.Ending
            do {
                ending = .returned(try await body())
            } catch {
                ending = .threw(error)
            }
            snapshot.withLock { $0 = (executor.pendingJobs, clock.sleeperCount, clock.elapsed) }
            finish.withLock { $0 = ending }
        }
        var pendingCancel = cancelAt
        let limitInstant = TestClock.Instant(offset: virtualTimeLimit)
        while true {
            runReadyJobs { finish.withLock { $0 != nil } || self.jobsRun > self.jobLimit }
            if let ending = finish.withLock({ $0 }) {
                let at = snapshot.withLock { $0 }
                let outcome = RunOutcome(ending: ending, elapsed: at.at, pendingJobsAtEnd: at.pendingJobs, sleepersAtEnd: at.sleepers)
                TimelineRecorder.finished(clock: clock, outcome: outcome)
                return outcome
            }
            if jobsRun > jobLimit {
                return RunOutcome(ending: .ranAway, elapsed: clock.elapsed, pendingJobsAtEnd: executor.pendingJobs, sleepersAtEnd: clock.sleeperCount)
            }
            let next = clock.nextDeadline
            if let cancelTime = pendingCancel, next == nil || cancelTime <= next!.offset {
                pendingCancel = nil
                clock.move(to: TestClock.Instant(offset: cancelTime))
                root.cancel()
                continue
            }
            guard let next else {
                return RunOutcome(ending: .stuck, elapsed: clock.elapsed, pendingJobsAtEnd: 0, sleepersAtEnd: 0)
            }
            if limitInstant < next {
                return RunOutcome(ending: .ranAway, elapsed: clock.elapsed, pendingJobsAtEnd: 0, sleepersAtEnd: clock.sleeperCount)
            }
            _ = clock.wakeNext()
        }
    }

    /// Keeps running whatever the code under test left behind, advancing the clock, until
    /// nothing is left or `limit` of further virtual time has passed.
    public func settle(for limit: Duration = .seconds(60)) {
        GlobalEnqueueHook.install(executor)
        defer { if !hookForWholeTest { GlobalEnqueueHook.uninstall() } }
        let end = clock.now.advanced(by: limit)
        let budget = jobsRun + jobLimit
        repeat {
            runReadyJobs { self.jobsRun > budget }
        } while jobsRun <= budget && clock.wakeNext(notAfter: end)
        clock.move(to: end)
    }

    /// Jobs run so far: the executor's, plus passes over the main queue.
    private var jobsRun: Int { executor.jobsRun + mainQueuePasses }

    /// Runs the executor's jobs and the main queue's, alternating, until neither has any left
    /// (or `stop` says so). Only then may the clock move.
    private func runReadyJobs(stop: () -> Bool) {
        while true {
            executor.runUntilIdle(stop: stop)
            if stop() { return }
            let passes = MainQueueDrain.runReady(stop: stop)
            mainQueuePasses += passes
            if passes == 0 { return }
        }
    }
}

/// How a virtual-time run ended, and what was still alive at that moment.
public struct RunOutcome<T: Sendable>: Sendable {
    /// The ways a run can end.
    public enum Ending: Sendable {
        /// The root task returned this value.
        case returned(T)
        /// The root task threw this error.
        case threw(any Error)
        /// Nothing was ready to run, no timer was pending, and the root task had not finished.
        case stuck
        /// The run kept going past the harness's limits on virtual time or jobs.
        case ranAway
    }

    /// How the run ended.
    public let ending: Ending
    /// The virtual time at which the root task finished (or the run stopped).
    public let elapsed: Duration
    /// Jobs still queued when the root task finished: work it started and did not wait for.
    public let pendingJobsAtEnd: Int
    /// Tasks still sleeping on the test clock when the root task finished (timers, requests).
    public let sleepersAtEnd: Int

    /// The returned value, if the root task returned.
    public var value: T? {
        if case .returned(let value) = ending { return value }
        return nil
    }

    /// The thrown error, if the root task threw.
    public var error: (any Error)? {
        if case .threw(let error) = ending { return error }
        return nil
    }

    /// Whether the root task returned or threw.
    public var finished: Bool {
        switch ending {
        case .returned, .threw: return true
        case .stuck, .ranAway: return false
        }
    }

    /// Whether anything the call started was still queued or sleeping when it finished.
    public var leftWorkRunning: Bool { pendingJobsAtEnd > 0 || sleepersAtEnd > 0 }
}
