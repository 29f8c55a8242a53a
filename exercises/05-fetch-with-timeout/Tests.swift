import Foundation
import InterviewHarness
import InterviewKit
import Synchronization
import XCTest

final class FetchWithTimeoutTests: XCTestCase {
    private func client(_ time: VirtualTime, _ route: FakeHTTPClient.Route) -> FakeHTTPClient {
        FakeHTTPClient(clock: time.clock, numbered: [1: route])
    }

    /// The error the call threw; when it returned instead, stops the test saying so, and says
    /// too when the code never used the clock it was given.
    private func requireError<T>(_ outcome: RunOutcome<T>, _ call: String, clock: GivenClock, file: StaticString = #filePath, line: UInt = #line) throws -> any Error {
        if case .returned = outcome.ending {
            XCTFail("\(call) returned at \(outcome.elapsed.seconds) of virtual time; expected it to throw.\(clock.unusedNote)", file: file, line: line)
            throw TestStopped()
        }
        return try outcome.requireError(call, file: file, line: line)
    }

    private func text(_ body: Data) -> String { String(decoding: body, as: UTF8.self) }

    /// The single request as the fake saw it, for messages: "ended at 2.0 s, cancelled".
    private func story(_ client: FakeHTTPClient) -> String {
        guard let call = client.calls.first else { return "was never made" }
        guard let end = call.end else { return "started at \(call.start.seconds) and was still running" }
        return "started at \(call.start.seconds) and ended at \(end.seconds), " + (call.cancelled ? "cancelled" : "not cancelled")
    }

    // MARK: correctness

    func test_correctness_returnsBodyWhenItArrives() throws {
        let time = VirtualTime()
        let clock = GivenClock(time.clock)
        let client = client(time, .ok("one", after: .milliseconds(300)))
        let outcome = time.run { try await fetch(testURL(1), client: client, timeout: .seconds(2), clock: clock) }
        let body = try outcome.requireValue("fetch with a 2 s time-out")
        ResultsChannel.recordLatency(outcome.elapsed, requests: 1, each: .milliseconds(300))
        expect(text(body) == "one", "fetch returned \"\(text(body))\"; expected the body \"one\".")
        expect(outcome.elapsed == .milliseconds(300), "the response arrived at 0.3 s but fetch returned at \(outcome.elapsed.seconds) of virtual time; expected it to return at 0.3 s, the moment the body arrived, not at the 2 s deadline.\(clock.unusedNote)")
    }

    func test_correctness_slowButInTimeIsNotATimeout() throws {
        let time = VirtualTime()
        let clock = GivenClock(time.clock)
        let client = client(time, .ok("one", after: .milliseconds(1900)))
        let outcome = time.run { try await fetch(testURL(1), client: client, timeout: .seconds(2), clock: clock) }
        let body = try outcome.requireValue("fetch of a 1.9 s request with a 2 s time-out")
        expect(text(body) == "one" && outcome.elapsed == .milliseconds(1900), "a request of 1.9 s with a 2 s time-out gave \"\(text(body))\" at \(outcome.elapsed.seconds); expected the body \"one\" at 1.9 s: it beat the deadline.\(clock.unusedNote)")
    }

    // MARK: errors

    func test_errors_timeoutThrownAtTheDeadline() throws {
        let time = VirtualTime()
        let clock = GivenClock(time.clock)
        let client = client(time, .ok("late", after: .seconds(5)))
        let outcome = time.run { try await fetch(testURL(1), client: client, timeout: .seconds(2), clock: clock) }
        let error = try requireError(outcome, "fetch of a 5 s request with a 2 s time-out", clock: clock)
        expect(error is TimeoutError, "fetch threw \(describe(error)); expected TimeoutError when the response is not there by the deadline.")
        expect(outcome.elapsed == .seconds(2), "with a 2 s time-out and a request of 5 s, fetch threw at \(outcome.elapsed.seconds) of virtual time; expected exactly 2.0 s: a time-out is worth something only if it fires at the deadline, not when the slow answer finally arrives.\(clock.unusedNote)")
    }

    func test_errors_clientErrorThrownUnchanged() throws {
        let time = VirtualTime()
        let clock = GivenClock(time.clock)
        let client = client(time, .fail("host 1 is down", after: .milliseconds(100)))
        let outcome = time.run { try await fetch(testURL(1), client: client, timeout: .seconds(2), clock: clock) }
        let error = try outcome.requireError("fetch of a failing host")
        expect((error as? FakeError) == FakeError("host 1 is down"), "fetch threw \(describe(error)); expected the client's own error, FakeError(host 1 is down), unchanged: it failed at 0.1 s, well before the 2 s deadline.")
        expect(outcome.elapsed == .milliseconds(100), "the client failed at 0.1 s but fetch threw at \(outcome.elapsed.seconds) of virtual time; expected it to throw at once, at 0.1 s.")
    }

    // MARK: cancellation

    func test_cancellation_requestCancelledOnTimeout() throws {
        let time = VirtualTime()
        let clock = GivenClock(time.clock)
        let client = client(time, .ok("late", after: .seconds(5)))
        _ = time.run { try await fetch(testURL(1), client: client, timeout: .seconds(2), clock: clock) }
        time.settle()
        let call = client.calls.first
        expect(call?.cancelled == true && call?.end == .seconds(2), "with a 2 s time-out, the 5 s request \(story(client)); expected it cancelled at 2.0 s, when the time-out fired: nobody will read its answer, so it should not keep a connection busy.\(clock.unusedNote)")
    }

    func test_cancellation_callerCancelCancelsRequest() throws {
        let time = VirtualTime()
        let clock = GivenClock(time.clock)
        let client = client(time, .ok("one", after: .seconds(1)))
        _ = time.run(cancelAt: .milliseconds(150)) { try await fetch(testURL(1), client: client, timeout: .seconds(2), clock: clock) }
        time.settle()
        let call = client.calls.first
        expect(call?.cancelled == true && call?.end == .milliseconds(150), "the caller was cancelled at 0.15 s and the 1 s request \(story(client)); expected it cancelled at 0.15 s: cancelling the caller must reach the request.")
    }

    func test_cancellation_callerCancelThrowsCancellationError() throws {
        let time = VirtualTime()
        let clock = GivenClock(time.clock)
        let client = client(time, .ok("one", after: .seconds(1)))
        let outcome = time.run(cancelAt: .milliseconds(150)) { try await fetch(testURL(1), client: client, timeout: .seconds(2), clock: clock) }
        let error = try outcome.requireError("fetch, cancelled by its caller at 0.15 s,")
        expect(error is CancellationError, "the caller was cancelled at 0.15 s and fetch threw \(describe(error)); expected CancellationError: the caller gave up, it was not a time-out.")
        expect(outcome.elapsed == .milliseconds(150), "the caller was cancelled at 0.15 s and fetch threw at \(outcome.elapsed.seconds) of virtual time; expected at once, at 0.15 s.")
    }

    // MARK: resources

    func test_resources_timerCancelledAtOnceOnSuccess() throws {
        let time = VirtualTime()
        let clock = GivenClock(time.clock)
        let client = client(time, .ok("one", after: .milliseconds(300)))
        let outcome = time.run { try await fetch(testURL(1), client: client, timeout: .seconds(2), clock: clock) }
        try outcome.requireFinished("fetch with a 2 s time-out")
        // Checked right after the call, before anything is settled: the clock has not moved on.
        let sleepingNow = time.clock.sleeperCount
        expect(outcome.sleepersAtEnd == 0 && sleepingNow == 0, "when fetch returned the body at \(outcome.elapsed.seconds), \(max(outcome.sleepersAtEnd, sleepingNow)) timer(s) were still sleeping on the clock, set to go off at the 2 s deadline; expected none: stop the timer as soon as the body arrives. In Swift, clearing a timer means cancelling the task that sleeps for it.")
        expect(outcome.pendingJobsAtEnd == 0, "when fetch returned, \(outcome.pendingJobsAtEnd) task(s) were still queued to run; expected nothing left behind.")
        expect(outcome.elapsed < .seconds(2), "the body arrived at 0.3 s but fetch returned at \(outcome.elapsed.seconds), when the timer went off: the timer ran all the way to its deadline instead of being cancelled the moment the request won.")
    }

    func test_resources_requestNotLeftRunningOnTimeout() throws {
        let time = VirtualTime()
        let clock = GivenClock(time.clock)
        let client = client(time, .ok("late", after: .seconds(5)))
        let outcome = time.run { try await fetch(testURL(1), client: client, timeout: .seconds(2), clock: clock) }
        try outcome.requireFinished("fetch of a 5 s request with a 2 s time-out")
        expect(client.inFlight == 0 && !outcome.leftWorkRunning, "when fetch finished at \(outcome.elapsed.seconds), \(client.inFlight) request(s) were still in flight, \(outcome.sleepersAtEnd) task(s) still sleeping and \(outcome.pendingJobsAtEnd) still queued; expected nothing: a timed-out request must not outlive the call.")
    }

    func test_cancellation_callerCancelWinsOverTheTimerWithASlowToCancelClient() throws {
        let time = VirtualTime()
        let clock = GivenClock(time.clock)
        let client = SlowToCancel(inner: client(time, .ok("one", after: .seconds(1))))
        let outcome = time.run(cancelAt: .milliseconds(150)) { try await fetch(testURL(1), client: client, timeout: .seconds(2), clock: clock) }
        let error = try outcome.requireError("fetch cancelled at 0.15 s")
        expect(error is CancellationError, "fetch, cancelled by its caller at 0.15 s with a client that takes one more step to give up (as a real transport does), threw \(describe(error)); expected CancellationError: a cancelled caller is told so. A timer that swallows its own cancellation (try? around the sleep) throws TimeoutError instead.")
    }

}

/// A client that needs one more hop to finish after it is cancelled, like a real transport.
private struct SlowToCancel: HTTPClient {
    let inner: FakeHTTPClient
    func get(_ url: URL) async throws -> Data {
        do { return try await inner.get(url) } catch is CancellationError {
            await Task.yield()
            throw CancellationError()
        }
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
