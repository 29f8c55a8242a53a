import Foundation
import InterviewHarness
import InterviewKit
import Synchronization
import XCTest

final class FetchAllResilientTests: XCTestCase {
    private func client(_ time: VirtualTime, _ routes: [Int: FakeHTTPClient.Route]) -> FakeHTTPClient {
        FakeHTTPClient(clock: time.clock, numbered: routes)
    }

    // MARK: correctness

    func test_correctness_bodiesInInputOrder() throws {
        let time = VirtualTime()
        let clock = GivenClock(time.clock)
        let client = client(time, [1: .ok("one", after: .milliseconds(300)), 2: .ok("two", after: .milliseconds(100)), 3: .ok("three", after: .milliseconds(200))])
        let outcome = time.run { await fetchAllResilient([testURL(1), testURL(2), testURL(3)], client: client, timeout: .seconds(1), clock: clock) }
        let results = try outcome.requireValue("fetchAllResilient")
        expect(results.map(bodyText) == ["one", "two", "three"], "the results came back as \(shown(results)); expected [\"one\", \"two\", \"three\"]: every host answered within the 1 s time-out, and the results follow the order of the URLs although the responses arrived in the order two, three, one.")
    }

    func test_correctness_emptyInput() throws {
        let time = VirtualTime()
        let clock = GivenClock(time.clock)
        let client = client(time, [:])
        let outcome = time.run { await fetchAllResilient([], client: client, timeout: .seconds(1), clock: clock) }
        let results = try outcome.requireValue("fetchAllResilient([])")
        expect(results.isEmpty, "fetchAllResilient([]) returned \(results.count) results; expected none.")
        expect(outcome.elapsed == .zero, "fetchAllResilient([]) returned at \(outcome.elapsed.seconds) of virtual time; expected at once: with nothing to fetch there is nothing to wait for.")
    }

    // MARK: concurrency

    func test_concurrency_allRequestsInFlightTogether() throws {
        let time = VirtualTime()
        let clock = GivenClock(time.clock)
        let client = client(time, Dictionary(uniqueKeysWithValues: (1...5).map { ($0, .ok("body \($0)", after: .milliseconds(300))) }))
        let outcome = time.run { await fetchAllResilient((1...5).map(testURL), client: client, timeout: .seconds(1), clock: clock) }
        try outcome.requireFinished("fetchAllResilient")
        ResultsChannel.recordLatency(outcome.elapsed, requests: 5, each: .milliseconds(300))
        expect(client.maxInFlight == 5, "at most \(client.maxInFlight) of 5 requests were in flight at once; expected all 5 together, since none depends on another.")
        expect(outcome.elapsed == .milliseconds(300), "5 requests of 300 ms with a 1 s time-out took \(outcome.elapsed.seconds) of virtual time; expected 0.3 s, the slowest request: a request that answers in time should not wait for its timer.")
    }

    func test_concurrency_slowHostCostsNoMoreThanTheTimeout() throws {
        let time = VirtualTime()
        let clock = GivenClock(time.clock)
        let client = client(time, [1: .ok("one", after: .milliseconds(100)), 2: .ok("two", after: .seconds(5)), 3: .ok("three", after: .milliseconds(200))])
        let outcome = time.run { await fetchAllResilient([testURL(1), testURL(2), testURL(3)], client: client, timeout: .seconds(1), clock: clock) }
        try outcome.requireFinished("fetchAllResilient")
        expect(outcome.elapsed == .seconds(1), "requests of 0.1 s, 5 s and 0.2 s with a 1 s time-out took \(outcome.elapsed.seconds) of virtual time; expected 1.0 s: the slowest request, cut short by its time-out. A slow host must not hold up the batch.\(clock.unusedNote)")
    }

    // MARK: errors

    // The error tests look at which errors and bodies came back, not at their positions:
    // keeping each result in its URL's place is what the correctness tests check.

    func test_errors_slowHostTimesOutAlone() throws {
        let time = VirtualTime()
        let clock = GivenClock(time.clock)
        let client = client(time, [1: .ok("one", after: .milliseconds(100)), 2: .ok("two", after: .seconds(5)), 3: .ok("three", after: .milliseconds(300))])
        let outcome = time.run { await fetchAllResilient([testURL(1), testURL(2), testURL(3)], client: client, timeout: .seconds(1), clock: clock) }
        let results = try outcome.requireValue("fetchAllResilient")
        let timeouts = results.filter { failure($0) is TimeoutError }.count
        expect(timeouts == 1, "host 2 takes 5 s with a 1 s time-out, hosts 1 and 3 answer at 0.1 s and 0.3 s; the results \(shown(results)) held \(timeouts) TimeoutError(s); expected exactly 1, for host 2.\(timeouts == 0 ? clock.unusedNote : "")")
        let bodies = results.compactMap(bodyText).sorted()
        expect(bodies == ["one", "three"], "with only host 2 too slow, the results held the bodies \(bodies); expected \"one\" and \"three\": hosts 1 and 3 answered well within the time-out. A time-out belongs to one request, not to the batch.")
    }

    func test_errors_failingHostKeepsItsError() throws {
        let time = VirtualTime()
        let clock = GivenClock(time.clock)
        let client = client(time, [1: .ok("one", after: .milliseconds(300)), 2: .fail("host 2 is down", after: .milliseconds(100)), 3: .ok("three", after: .milliseconds(200)), 4: .ok("four", after: .seconds(5))])
        let outcome = time.run { await fetchAllResilient((1...4).map(testURL), client: client, timeout: .seconds(1), clock: clock) }
        let results = try outcome.requireValue("fetchAllResilient")
        let errors = results.compactMap(failure)
        expect(errors.contains { ($0 as? FakeError) == FakeError("host 2 is down") }, "host 2 failed at 0.1 s with FakeError(host 2 is down); the results held \(errors.isEmpty ? "no error" : "\(errors.count) error(s): " + errors.map(describe).joined(separator: ", ")); expected the client's own error among them, unchanged.")
        let timeouts = errors.filter { $0 is TimeoutError }.count
        let bodies = results.compactMap(bodyText).sorted()
        expect(bodies == ["one", "three"] && timeouts == 1, "with host 2 failing and host 4 too slow (5 s, time-out 1 s), the results held the bodies \(bodies) and \(timeouts) TimeoutError(s) (all results: \(shown(results))); expected the bodies \"one\" and \"three\" and one TimeoutError, for host 4: each URL keeps its own outcome.\(timeouts == 0 ? clock.unusedNote : "")")
    }

    // MARK: cancellation

    func test_cancellation_timedOutRequestsCancelled() throws {
        let time = VirtualTime()
        let clock = GivenClock(time.clock)
        let client = client(time, [1: .ok("one", after: .milliseconds(100)), 2: .ok("two", after: .seconds(5)), 3: .ok("three", after: .seconds(8))])
        _ = time.run { await fetchAllResilient([testURL(1), testURL(2), testURL(3)], client: client, timeout: .seconds(1), clock: clock) }
        time.settle()
        for number in [2, 3] {
            guard let call = client.calls.first(where: { $0.label == testURL(number) }) else {
                expect(false, "host \(number) was never requested; expected every URL to be fetched.")
                continue
            }
            let deadline = call.start + .seconds(1)
            let what = call.end.map { "ended at \($0.seconds), " + (call.cancelled ? "cancelled" : "not cancelled") } ?? "was still running"
            expect(call.cancelled && call.end == deadline, "the request to slow host \(number) started at \(call.start.seconds) and \(what); expected it cancelled at \(deadline.seconds), when its 1 s time-out ran out: nobody will read its answer.\(clock.unusedNote)")
        }
    }

    // MARK: resources

    func test_resources_nothingRunningAfterReturn() throws {
        let time = VirtualTime()
        let clock = GivenClock(time.clock)
        let client = client(time, [1: .ok("one", after: .milliseconds(100)), 2: .fail("host 2 is down", after: .milliseconds(200)), 3: .ok("three", after: .seconds(5))])
        let outcome = time.run { await fetchAllResilient([testURL(1), testURL(2), testURL(3)], client: client, timeout: .seconds(1), clock: clock) }
        try outcome.requireFinished("fetchAllResilient")
        expect(!outcome.leftWorkRunning && client.inFlight == 0 && time.clock.sleeperCount == 0, "when fetchAllResilient returned at \(outcome.elapsed.seconds), \(client.inFlight) request(s) were still in flight, \(outcome.sleepersAtEnd) task(s) (requests or timers) were still sleeping on the clock and \(outcome.pendingJobsAtEnd) still queued; expected nothing: neither requests nor timers may outlive the call.")
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
