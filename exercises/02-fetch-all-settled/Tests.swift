import Foundation
import InterviewHarness
import InterviewKit
import XCTest

final class FetchAllSettledTests: XCTestCase {
    private func client(_ time: VirtualTime, _ routes: [Int: FakeHTTPClient.Route]) -> FakeHTTPClient {
        FakeHTTPClient(clock: time.clock, numbered: routes)
    }

    // MARK: correctness

    func test_correctness_oneResultPerURLInInputOrder() throws {
        let time = VirtualTime()
        let client = client(time, [1: .ok("one", after: .milliseconds(300)), 2: .ok("two", after: .milliseconds(100)), 3: .ok("three", after: .milliseconds(200))])
        let outcome = time.run { await fetchAllSettled([testURL(1), testURL(2), testURL(3)], client: client) }
        let results = try outcome.requireValue("fetchAllSettled")
        let bodies = results.map(bodyText)
        expect(bodies == ["one", "two", "three"], "the results came back as \(shown(results)); expected [\"one\", \"two\", \"three\"], one result per URL in the order of the URLs, although the responses arrived in the order two, three, one.")
    }

    func test_correctness_failureKeepsItsPlace() throws {
        let time = VirtualTime()
        let client = client(time, [1: .ok("one", after: .milliseconds(100)), 2: .fail("host 2 is down", after: .milliseconds(300)), 3: .ok("three", after: .milliseconds(200))])
        let outcome = time.run { await fetchAllSettled([testURL(1), testURL(2), testURL(3)], client: client) }
        let results = try outcome.requireValue("fetchAllSettled")
        expect(results.count == 3, "3 URLs gave \(results.count) results \(shown(results)); expected exactly 3, one per URL, failures included.")
        guard results.count == 3 else { return }
        expect(bodyText(results[0]) == "one" && failure(results[1]) != nil && bodyText(results[2]) == "three", "with host 2 failing, the results were \(shown(results)); expected [\"one\", error, \"three\"]: the two good hosts keep their bodies and the failure sits in the second slot, where its URL was.")
    }

    func test_correctness_emptyInput() throws {
        let time = VirtualTime()
        let client = client(time, [:])
        let outcome = time.run { await fetchAllSettled([], client: client) }
        let results = try outcome.requireValue("fetchAllSettled([])")
        expect(results.isEmpty, "fetchAllSettled([]) returned \(results.count) results; expected none.")
        expect(client.calls.isEmpty, "fetchAllSettled([]) made \(client.calls.count) requests; expected none.")
    }

    // MARK: concurrency

    func test_concurrency_allRequestsInFlightTogether() throws {
        let time = VirtualTime()
        let client = client(time, Dictionary(uniqueKeysWithValues: (1...5).map { ($0, .ok("body \($0)", after: .milliseconds(300))) }))
        let outcome = time.run { await fetchAllSettled((1...5).map(testURL), client: client) }
        try outcome.requireFinished("fetchAllSettled")
        ResultsChannel.recordLatency(outcome.elapsed, requests: 5, each: .milliseconds(300))
        expect(client.maxInFlight == 5, "at most \(client.maxInFlight) of 5 requests were in flight at once; expected all 5 together, since none depends on another.")
        expect(outcome.elapsed == .milliseconds(300), "5 requests of 300 ms took \(outcome.elapsed.seconds) of virtual time; expected 0.3 s, the time of one request, when they run side by side.")
    }

    func test_concurrency_latencyIsTheSlowestRequest() throws {
        let time = VirtualTime()
        let client = client(time, [1: .ok("one", after: .milliseconds(100)), 2: .ok("two", after: .milliseconds(250)), 3: .fail("host 3 is down", after: .milliseconds(400)), 4: .ok("four", after: .milliseconds(50))])
        let outcome = time.run { await fetchAllSettled((1...4).map(testURL), client: client) }
        try outcome.requireFinished("fetchAllSettled")
        expect(outcome.elapsed == .milliseconds(400), "requests of 100, 250, 400 (failing) and 50 ms took \(outcome.elapsed.seconds) of virtual time; expected 0.4 s, the slowest one, not the sum (0.8 s).")
    }

    // MARK: errors

    // The error tests look at which errors and bodies came back, not at their positions:
    // keeping each result in its URL's place is what the correctness tests check.

    func test_errors_eachFailureKeepsItsOwnError() throws {
        let time = VirtualTime()
        let client = client(time, [1: .fail("host 1 is down", after: .milliseconds(100)), 2: .ok("two", after: .milliseconds(200)), 3: .fail("host 3 refused the connection", after: .milliseconds(300)), 4: .ok("four", after: .milliseconds(150))])
        let outcome = time.run { await fetchAllSettled((1...4).map(testURL), client: client) }
        let results = try outcome.requireValue("fetchAllSettled")
        let errors = results.compactMap(failure)
        let expected = [FakeError("host 1 is down"), FakeError("host 3 refused the connection")]
        let kept = expected.filter { wanted in errors.contains { ($0 as? FakeError) == wanted } }
        expect(kept.count == 2, "hosts 1 and 3 failed with FakeError(host 1 is down) and FakeError(host 3 refused the connection); the results held \(errors.isEmpty ? "no error" : "\(errors.count) error(s): " + errors.map(describe).joined(separator: ", ")) (all results: \(shown(results))); expected both of the client's own errors, unchanged: the caller needs to know why each URL failed.")
        let bodies = results.compactMap(bodyText).sorted()
        expect(bodies == ["four", "two"], "with hosts 1 and 3 failing, the results held the bodies \(bodies); expected \"two\" and \"four\" from the hosts that answered: one failure must not take the other results with it.")
    }

    func test_errors_oneFailureCancelsNothing() throws {
        let time = VirtualTime()
        let client = client(time, [1: .ok("one", after: .milliseconds(500)), 2: .fail("host 2 is down", after: .milliseconds(100)), 3: .ok("three", after: .milliseconds(500))])
        let outcome = time.run { await fetchAllSettled([testURL(1), testURL(2), testURL(3)], client: client) }
        let results = try outcome.requireValue("fetchAllSettled")
        let cancelled = client.cancelledURLs.map(\.path)
        expect(cancelled.isEmpty, "host 2 failed at 0.1 s and then \(cancelled.count) other request(s) were cancelled (\(cancelled.joined(separator: ", "))); expected none: here a failure is an ordinary result, not a reason to stop the others.")
        let bodies = results.compactMap(bodyText).sorted()
        expect(bodies == ["one", "three"], "host 2 failed at 0.1 s and the results held the bodies \(bodies) (all results: \(shown(results))); expected hosts 1 and 3 to answer \"one\" and \"three\" at 0.5 s as if nothing had happened.")
    }

    // MARK: resources

    func test_resources_nothingRunningAfterReturn() throws {
        let time = VirtualTime()
        let client = client(time, [1: .ok("one", after: .milliseconds(100)), 2: .fail("host 2 is down", after: .milliseconds(200)), 3: .ok("three", after: .milliseconds(300))])
        let outcome = time.run { await fetchAllSettled([testURL(1), testURL(2), testURL(3)], client: client) }
        try outcome.requireFinished("fetchAllSettled")
        expect(!outcome.leftWorkRunning && client.inFlight == 0, "when fetchAllSettled returned at \(outcome.elapsed.seconds), \(client.inFlight) requests were still in flight, \(outcome.sleepersAtEnd) tasks were still sleeping and \(outcome.pendingJobsAtEnd) were still queued; expected nothing: a call should not leave work behind.")
    }
}
