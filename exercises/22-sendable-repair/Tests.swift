import Foundation
import InterviewHarness
import InterviewKit
import XCTest

private func urls(_ numbers: ClosedRange<Int>) -> [URL] { numbers.map(testURL) }

/// "[1, 3, 5]" for test URLs.
private func numbers(_ urls: [URL]) -> String {
    "[" + urls.map(\.lastPathComponent).joined(separator: ", ") + "]"
}

final class SendableRepairTests: XCTestCase {
    /// Five URLs: "aaa" at 300 ms, a failure at 100, "bb" at 200, an empty body at 50, "c" at 100.
    /// They finish in the order 4, 2, 5, 3, 1.
    private func mixedClient(_ time: VirtualTime) -> FakeHTTPClient {
        FakeHTTPClient(clock: time.clock, numbered: [
            1: .ok("aaa", after: .milliseconds(300)),
            2: .fail("connection reset", after: .milliseconds(100)),
            3: .ok("bb", after: .milliseconds(200)),
            4: .ok("", after: .milliseconds(50)),
            5: .ok("c", after: .milliseconds(100)),
        ])
    }

    func test_correctness_summaryInInputOrder() throws {
        let time = VirtualTime()
        let client = mixedClient(time)
        let outcome = time.run { try await downloadAll(urls(1...5), client: client) }
        let summary = try outcome.requireValue("downloadAll of 5 URLs")
        expect(summary.totalBytes == 6, "the bodies \"aaa\", \"bb\" and \"c\" add up to 6 bytes, and totalBytes was \(summary.totalBytes).")
        expect(summary.downloaded == urls(1...5).filter { [1, 3, 5].contains(Int($0.lastPathComponent)!) }, "downloaded was \(numbers(summary.downloaded)); expected [1, 3, 5]: the URLs that came back with a body, in the order they were given (they finished in the order 5, 3, 1).")
        expect(summary.failed == [testURL(2), testURL(4)], "failed was \(numbers(summary.failed)); expected [2, 4]: 2 failed and 4 came back empty, which counts as a failure; in the order given (they finished 4, then 2).")
    }

    func test_concurrency_allRequestsInFlightTogether() throws {
        let time = VirtualTime()
        let client = mixedClient(time)
        let outcome = time.run { try await downloadAll(urls(1...5), client: client) }
        try outcome.requireFinished("downloadAll of 5 URLs")
        ResultsChannel.recordLatency(outcome.elapsed, requests: 5, each: .milliseconds(300))
        expect(client.maxInFlight == 5, "at most \(client.maxInFlight) of the 5 requests were in flight at once; expected all 5 together.")
        expect(outcome.elapsed == .milliseconds(300), "downloadAll took \(outcome.elapsed.seconds) of virtual time; expected 0.3 s, the slowest request, since the requests run side by side.")
    }

    func test_errors_failuresAreCountedNotThrown() throws {
        let time = VirtualTime()
        let client = FakeHTTPClient(clock: time.clock, numbered: [
            1: .fail("timed out", after: .milliseconds(50)),
            2: .ok("payload", after: .milliseconds(100)),
            3: .fail("not found", after: .milliseconds(200)),
        ])
        let outcome = time.run { try await downloadAll(urls(1...3), client: client) }
        let summary = try outcome.requireValue("downloadAll with 2 failing URLs of 3")
        expect(summary.failed == [testURL(1), testURL(3)] && summary.downloaded == [testURL(2)], "the summary had downloaded \(numbers(summary.downloaded)) and failed \(numbers(summary.failed)); expected downloaded [2] and failed [1, 3]: a failing URL is reported in the summary, not thrown.")
        expect(summary.totalBytes == 7, "totalBytes was \(summary.totalBytes); expected 7, the size of the one body.")
    }

    func test_cancellation_cancelledCallerCancelsEveryRequest() throws {
        let time = VirtualTime()
        let client = FakeHTTPClient(clock: time.clock, numbered: Dictionary(uniqueKeysWithValues: (1...5).map { ($0, .ok("body", after: .milliseconds(300))) }))
        let outcome = time.run(cancelAt: .milliseconds(100)) { try await downloadAll(urls(1...5), client: client) }
        let error = try outcome.requireError("downloadAll cancelled at 0.1 s")
        expect(error is CancellationError, "downloadAll, cancelled at 0.1 s, threw \(describe(error)); expected CancellationError: a cancelled request is not a failed URL, and the caller who cancelled wants no summary.")
        expect(outcome.elapsed == .milliseconds(100), "downloadAll threw at \(outcome.elapsed.seconds) of virtual time; expected 0.1 s, at once.")
        time.settle()
        let ranOn = client.log.keptRunning(after: .milliseconds(100))
        let late = client.calls.filter { $0.start > .milliseconds(100) }
        expect(ranOn.isEmpty && late.isEmpty, "after the cancel at 0.1 s, \(ranOn.count) request(s) ran on and \(late.count) started; expected every request cancelled at once and none started.")
    }

    func test_resources_nothingLeftRunning() throws {
        let time = VirtualTime()
        let client = mixedClient(time)
        let outcome = time.run { try await downloadAll(urls(1...5), client: client) }
        try outcome.requireFinished("downloadAll of 5 URLs")
        expect(!outcome.leftWorkRunning, "when downloadAll returned, \(outcome.pendingJobsAtEnd) job(s) were still queued and \(outcome.sleepersAtEnd) request(s) or timer(s) still running; expected nothing left: wait for every child before returning.")
    }
}
