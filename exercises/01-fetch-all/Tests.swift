import Foundation
import InterviewHarness
import InterviewKit
import XCTest

final class FetchAllTests: XCTestCase {
    private func client(_ time: VirtualTime, _ routes: [Int: FakeHTTPClient.Route]) -> FakeHTTPClient {
        FakeHTTPClient(clock: time.clock, numbered: routes)
    }

    func test_correctness_bodiesInInputOrder() throws {
        let time = VirtualTime()
        let client = client(time, [1: .ok("one", after: .milliseconds(300)), 2: .ok("two", after: .milliseconds(100)), 3: .ok("three", after: .milliseconds(200))])
        let outcome = time.run { try await fetchAll([testURL(1), testURL(2), testURL(3)], client: client) }
        let bodies = try outcome.requireValue("fetchAll")
        let texts = bodies.map { String(decoding: $0, as: UTF8.self) }
        expect(texts == ["one", "two", "three"], "the bodies came back as \(texts); expected [\"one\", \"two\", \"three\"], the order of the URLs, although the responses arrived in the order two, three, one.")
    }

    func test_correctness_emptyInput() throws {
        let time = VirtualTime()
        let client = client(time, [:])
        let outcome = time.run { try await fetchAll([], client: client) }
        let bodies = try outcome.requireValue("fetchAll([])")
        expect(bodies.isEmpty, "fetchAll([]) returned \(bodies.count) bodies; expected none.")
    }

    func test_correctness_duplicateURLFetchedTwice() throws {
        let time = VirtualTime()
        let client = client(time, [1: .ok("one", after: .milliseconds(100)), 2: .ok("two", after: .milliseconds(50))])
        let outcome = time.run { try await fetchAll([testURL(1), testURL(2), testURL(1)], client: client) }
        let bodies = try outcome.requireValue("fetchAll")
        expect(bodies.count == 3, "three URLs (one of them listed twice) gave \(bodies.count) bodies; expected 3, one per entry.")
        expect(client.calls.count == 3, "a URL listed twice was requested \(client.calls.count) times in all for 3 entries; expected 3 requests: each entry is fetched.")
    }

    func test_concurrency_allRequestsInFlightTogether() throws {
        let time = VirtualTime()
        let client = client(time, Dictionary(uniqueKeysWithValues: (1...5).map { ($0, .ok("body \($0)", after: .milliseconds(300))) }))
        let outcome = time.run { try await fetchAll((1...5).map(testURL), client: client) }
        try outcome.requireFinished("fetchAll")
        ResultsChannel.recordLatency(outcome.elapsed, requests: 5, each: .milliseconds(300))
        expect(client.maxInFlight == 5, "at most \(client.maxInFlight) of 5 requests were in flight at once; expected all 5 together, since they do not depend on each other.")
        expect(outcome.elapsed == .milliseconds(300), "5 requests of 300 ms took \(outcome.elapsed.seconds) of virtual time; expected 0.3 s, the time of one request, when they run side by side.")
    }

    func test_errors_firstFailureThrownAtOnce() throws {
        let time = VirtualTime()
        let client = client(time, [1: .ok("one", after: .milliseconds(500)), 2: .fail("host 2 is down", after: .milliseconds(100)), 3: .ok("three", after: .milliseconds(500))])
        let outcome = time.run { try await fetchAll([testURL(1), testURL(2), testURL(3)], client: client) }
        let error = try outcome.requireError("fetchAll with a failing host")
        expect((error as? FakeError) == FakeError("host 2 is down"), "fetchAll threw \(describe(error)); expected the client's own error, FakeError(host 2 is down), unchanged.")
        let failedAt = client.log.endOfFirstCall(testURL(2)) ?? .zero
        expect(outcome.elapsed == failedAt, "host 2 failed at \(failedAt.seconds) but fetchAll threw at \(outcome.elapsed.seconds) of virtual time; expected it to throw at once: do not wait for slower siblings once the answer is known.")
    }

    func test_cancellation_siblingsCancelledOnFailure() throws {
        let time = VirtualTime()
        let client = client(time, [1: .ok("one", after: .milliseconds(500)), 2: .fail("host 2 is down", after: .milliseconds(100)), 3: .ok("three", after: .milliseconds(500))])
        let outcome = time.run { try await fetchAll([testURL(1), testURL(2), testURL(3)], client: client) }
        try outcome.requireFinished("fetchAll with a failing host")
        time.settle()
        let failedAt = client.log.endOfFirstCall(testURL(2)) ?? .zero
        let kept = client.log.keptRunning(after: failedAt, except: testURL(2))
        expect(kept.isEmpty, "after host 2 failed at \(failedAt.seconds), \(kept.count) request(s) still in flight ran on instead of being cancelled (\(kept.map(\.label.path).joined(separator: ", "))); expected every sibling still in flight to be cancelled: its answer can no longer be used.")
    }

    func test_resources_nothingRunningAfterReturn() throws {
        let time = VirtualTime()
        let client = client(time, Dictionary(uniqueKeysWithValues: (1...3).map { ($0, .ok("body", after: .milliseconds(100 * $0))) }))
        let outcome = time.run { try await fetchAll((1...3).map(testURL), client: client) }
        try outcome.requireFinished("fetchAll")
        expect(!outcome.leftWorkRunning && client.inFlight == 0, "when fetchAll returned, \(client.inFlight) requests were still in flight and \(outcome.pendingJobsAtEnd) tasks were still queued; expected nothing: a call should not leave work behind.")
    }

    func test_resources_nothingRunningAfterThrow() throws {
        let time = VirtualTime()
        let client = client(time, [1: .fail("host 1 is down", after: .milliseconds(100)), 2: .ok("two", after: .milliseconds(400)), 3: .ok("three", after: .milliseconds(400))])
        let outcome = time.run { try await fetchAll([testURL(1), testURL(2), testURL(3)], client: client) }
        try outcome.requireFinished("fetchAll")
        expect(!outcome.leftWorkRunning && client.inFlight == 0, "when fetchAll threw, \(client.inFlight) requests were still in flight and \(outcome.pendingJobsAtEnd) tasks were still queued; expected nothing left running after the call.")
    }
}
