import Foundation
import InterviewHarness
import InterviewKit
import Synchronization
import XCTest

/// A policy with delays in milliseconds.
private func policy(_ attempts: Int, first: Int, times multiplier: Double, max: Int) -> RetryPolicy {
    RetryPolicy(maxAttempts: attempts, initialDelay: .milliseconds(first), multiplier: multiplier, maxDelay: .milliseconds(max))
}

final class RetryBackoffTests: XCTestCase {
    /// What one attempt of the scripted operation does, after its latency.
    private enum Step: Sendable {
        case succeed(String)
        case fail(String)
        /// Throws `CancellationError` although nobody cancelled the caller (an inner call was cancelled).
        case throwCancellation
    }

    /// An operation that plays `steps` in turn (repeating the last one), one logged call per attempt.
    private final class ScriptedOperation: Sendable {
        let log: WorkLog<Int>
        let latency: Duration
        let steps: [Step]
        private let attempts = Mutex(0)

        init(_ time: VirtualTime, latency: Duration = .zero, _ steps: [Step]) {
            self.log = WorkLog(clock: time.clock, lane: "attempt")
            self.latency = latency
            self.steps = steps
        }

        func callAsFunction() async throws -> String {
            let attempt = attempts.withLock { count -> Int in
                count += 1
                return count
            }
            let step = steps[min(attempt, steps.count) - 1]
            return try await log.perform(attempt, latency: latency) {
                switch step {
                case .succeed(let value): return value
                case .fail(let name): throw FakeError(name)
                case .throwCancellation: throw CancellationError()
                }
            }
        }

        /// When each attempt started.
        var starts: [Duration] { log.calls.map(\.start) }
        /// How many attempts were made.
        var count: Int { log.calls.count }
    }

    private func list(_ times: [Duration]) -> String {
        "[" + times.map(\.seconds).joined(separator: ", ") + "]"
    }

    private func failures(_ count: Int) -> [Step] { (1...count).map { .fail("attempt \($0)") } }

    func test_correctness_returnsFirstSuccess() throws {
        let time = VirtualTime()
        let clock = GivenClock(time.clock)
        let operation = ScriptedOperation(time, [.fail("attempt 1"), .fail("attempt 2"), .succeed("third time lucky"), .succeed("too late")])
        let outcome = time.run { try await withRetry(policy(5, first: 100, times: 2, max: 1000), clock: clock) { try await operation() } }
        let value = try outcome.requireValue("withRetry")
        expect(value == "third time lucky", "withRetry returned \"\(value)\"; expected \"third time lucky\", the value of the first attempt that succeeded (attempt 3).")
        expect(operation.count == 3, "the operation was called \(operation.count) times; expected 3: attempts 1 and 2 failed, attempt 3 succeeded, and there is no reason to call it again.")
    }

    func test_correctness_atMostMaxAttempts() throws {
        let time = VirtualTime()
        let clock = GivenClock(time.clock)
        let operation = ScriptedOperation(time, failures(10))
        let outcome = time.run { try await withRetry(policy(4, first: 100, times: 2, max: 1000), clock: clock) { try await operation() } }
        _ = try outcome.requireError("withRetry with an operation that always fails")
        expect(operation.count == 4, "with maxAttempts 4 and an operation that always fails, it was called \(operation.count) times; expected exactly 4 (the first call counts as an attempt).")
    }

    func test_concurrency_waitsGrowThenCap() throws {
        let time = VirtualTime()
        let clock = GivenClock(time.clock)
        let operation = ScriptedOperation(time, latency: .milliseconds(50), failures(5))
        let outcome = time.run { try await withRetry(policy(5, first: 100, times: 2, max: 500), clock: clock) { try await operation() } }
        try outcome.requireFinished("withRetry")
        let expected: [Duration] = [0, 150, 400, 850, 1400].map { .milliseconds($0) }
        expect(operation.starts == expected, "each attempt takes 50 ms and fails; with waits of 100 ms doubling up to 500 ms the attempts started at \(list(operation.starts)); expected \(list(expected)): after attempt n fails, wait min(0.1 s × 2^(n−1), 0.5 s), so the waits are 0.1, 0.2, 0.4 and 0.5 s (0.8 s capped).\(clock.unusedNote)")
    }

    func test_concurrency_firstWaitCappedToo() throws {
        let time = VirtualTime()
        let clock = GivenClock(time.clock)
        let operation = ScriptedOperation(time, failures(3))
        let outcome = time.run { try await withRetry(policy(3, first: 2000, times: 3, max: 500), clock: clock) { try await operation() } }
        try outcome.requireFinished("withRetry")
        let expected: [Duration] = [0, 500, 1000].map { .milliseconds($0) }
        expect(operation.starts == expected, "with an initial delay of 2 s but a maximum of 0.5 s, the attempts started at \(list(operation.starts)); expected \(list(expected)): the cap applies to every wait, the first one included.\(clock.unusedNote)")
    }

    func test_concurrency_noWaitAfterLastAttempt() throws {
        let time = VirtualTime()
        let clock = GivenClock(time.clock)
        let operation = ScriptedOperation(time, latency: .milliseconds(50), failures(3))
        let outcome = time.run { try await withRetry(policy(3, first: 100, times: 2, max: 1000), clock: clock) { try await operation() } }
        try outcome.requireFinished("withRetry")
        let lastFailure = operation.log.calls.last?.end ?? .zero
        expect(operation.count == 3, "with maxAttempts 3 the operation was called \(operation.count) times; expected 3.")
        expect(outcome.elapsed == lastFailure, "the third and last attempt failed at \(lastFailure.seconds) but withRetry threw at \(outcome.elapsed.seconds) of virtual time; expected it to throw at \(lastFailure.seconds), the moment the last attempt failed: no retry is coming, so waiting only delays the error.\(clock.unusedNote)")
        expect(outcome.sleepersAtEnd == 0, "when withRetry threw, \(outcome.sleepersAtEnd) wait(s) were still pending on the clock; expected none after the last attempt.")
    }

    func test_errors_lastErrorThrown() throws {
        let time = VirtualTime()
        let clock = GivenClock(time.clock)
        let operation = ScriptedOperation(time, failures(3))
        let outcome = time.run { try await withRetry(policy(3, first: 100, times: 2, max: 1000), clock: clock) { try await operation() } }
        let error = try outcome.requireError("withRetry with an operation that always fails")
        expect((error as? FakeError) == FakeError("attempt 3"), "after 3 failed attempts withRetry threw \(describe(error)); expected FakeError(attempt 3), the error of the last attempt, unchanged: it is the freshest news about the service.")
    }

    func test_errors_nonRetryableThrownAtOnce() throws {
        let time = VirtualTime()
        let clock = GivenClock(time.clock)
        let operation = ScriptedOperation(time, latency: .milliseconds(50), [.fail("timed out"), .fail("bad request"), .succeed("never reached")])
        let outcome = time.run {
            try await withRetry(policy(5, first: 100, times: 2, max: 1000), clock: clock, isRetryable: { ($0 as? FakeError)?.name != "bad request" }) { try await operation() }
        }
        expect(!outcome.finished || operation.count == 2, "the operation was called \(operation.count) times; expected 2: attempt 2 failed with FakeError(bad request), which isRetryable says is not worth retrying, so there is no attempt 3.")
        let error = try outcome.requireError("withRetry with a non-retryable error on attempt 2")
        expect((error as? FakeError) == FakeError("bad request"), "withRetry threw \(describe(error)); expected FakeError(bad request), the error isRetryable rejected, unchanged.")
        // Measured from the run: when attempt 2 ended depends on the waits, which other tests check.
        guard let attempt2 = operation.log.calls.dropFirst().first?.end else { return }
        expect(outcome.elapsed == attempt2, "attempt 2 failed with a non-retryable error at \(attempt2.seconds) but withRetry threw at \(outcome.elapsed.seconds) of virtual time; expected \(attempt2.seconds): an error that will not be retried is thrown at once, without waiting.\(clock.unusedNote)")
    }

    func test_cancellation_cancellationErrorNeverRetried() throws {
        let time = VirtualTime()
        let clock = GivenClock(time.clock)
        let operation = ScriptedOperation(time, latency: .milliseconds(50), [.throwCancellation, .succeed("should not be retried")])
        let outcome = time.run { try await withRetry(policy(5, first: 100, times: 2, max: 1000), clock: clock) { try await operation() } }
        expect(operation.count == 1, "after the operation threw CancellationError at 0.05 s, withRetry made \(operation.count) attempts; expected 1: cancellation means someone gave up on this work, so it is never retried, whatever isRetryable says.")
        let error = try outcome.requireError("withRetry with an operation that throws CancellationError")
        expect(error is CancellationError, "withRetry threw \(describe(error)); expected the CancellationError the operation threw, unchanged.")
        expect(outcome.elapsed == .milliseconds(50), "the operation threw CancellationError at 0.05 s but withRetry threw at \(outcome.elapsed.seconds) of virtual time; expected 0.05 s, with no wait.\(clock.unusedNote)")
    }

    func test_cancellation_cancelledWhileWaitingStopsAtOnce() throws {
        let time = VirtualTime()
        let clock = GivenClock(time.clock)
        let operation = ScriptedOperation(time, latency: .milliseconds(50), failures(5))
        let outcome = time.run(cancelAt: .milliseconds(300)) { try await withRetry(policy(5, first: 1000, times: 2, max: 5000), clock: clock) { try await operation() } }
        let error = try outcome.requireError("withRetry cancelled while waiting")
        expect(error is CancellationError, "cancelled at 0.3 s while waiting to retry, withRetry threw \(describe(error)); expected CancellationError.")
        expect(outcome.elapsed == .milliseconds(300), "cancelled at 0.3 s during the 1 s wait before attempt 2, withRetry threw at \(outcome.elapsed.seconds) of virtual time; expected 0.3 s: the wait must end the moment the caller cancels.\(clock.unusedNote)")
        expect(operation.count == 1, "cancelled at 0.3 s during the wait after attempt 1, withRetry made \(operation.count) attempts; expected 1: no attempt may start once the caller has cancelled.")
    }

    func test_cancellation_cancelledDuringAttemptNotRetried() throws {
        let time = VirtualTime()
        let clock = GivenClock(time.clock)
        let operation = ScriptedOperation(time, latency: .milliseconds(200), failures(5))
        let outcome = time.run(cancelAt: .milliseconds(80)) { try await withRetry(policy(5, first: 100, times: 2, max: 1000), clock: clock) { try await operation() } }
        let error = try outcome.requireError("withRetry cancelled during an attempt")
        expect(error is CancellationError, "cancelled at 0.08 s during attempt 1, withRetry threw \(describe(error)); expected CancellationError.")
        expect(operation.count == 1 && outcome.elapsed == .milliseconds(80), "cancelled at 0.08 s during attempt 1, withRetry made \(operation.count) attempt(s) and threw at \(outcome.elapsed.seconds) of virtual time; expected 1 attempt and CancellationError at 0.08 s.")
    }
}

/// The clock handed to the code under test: the run's test clock, counting how often the code
/// reads its time or waits on it, so a message can say when the code never used it.
private final class GivenClock: Clock, Sendable {
    typealias Instant = TestClock.Instant

    private let base: TestClock
    private let uses = Atomic<Int>(0)

    init(_ base: TestClock) { self.base = base }

    var now: Instant {
        uses.add(1, ordering: .relaxed)
        return base.now
    }

    var minimumResolution: Duration { base.minimumResolution }

    func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        uses.add(1, ordering: .relaxed)
        try await base.sleep(until: deadline, tolerance: tolerance)
    }

    /// A sentence for a message about timing, when the code never read or waited on this clock.
    var unusedNote: String {
        uses.load(ordering: .relaxed) > 0 ? "" : " The code never read or waited on the `clock` it was given: time in these tests is virtual and only that clock follows it. Measure and wait with `clock`, not Task.sleep or ContinuousClock."
    }
}
