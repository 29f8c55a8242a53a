import Foundation
import InterviewHarness
import InterviewKit
import XCTest

/// Work for `handleRequest` that logs a line when it starts and one when it ends, and sleeps
/// on the test clock in between as one logged call. Lines read "req-3: item 2 started", so a
/// test can tell which request each line belongs to.
private func loggingWork(
    request: String, log: WorkLog<String>, latency: @escaping @Sendable (Int) -> Duration,
    failing: [Int: FakeError] = [:]
) -> @Sendable (Int, LogSink) async throws -> Void {
    { item, sink in
        sink.log("\(request): item \(item) started")
        try await log.perform("\(request) item \(item)", latency: latency(item)) {
            if let error = failing[item] { throw error }
        }
        sink.log("\(request): item \(item) finished")
    }
}

/// The request a line belongs to: the text before its first colon.
private func owner(_ message: String) -> String {
    String(message.prefix { $0 != ":" })
}

private func shown(_ id: String?) -> String { id.map { "\"\($0)\"" } ?? "no ID" }

final class TaskLocalContextTests: XCTestCase {
    func test_correctness_everyLineCarriesTheRequestID() throws {
        let time = VirtualTime()
        let log = WorkLog<String>(clock: time.clock)
        let sink = LogSink()
        let work = loggingWork(request: "req-7", log: log, latency: { .milliseconds(100 * $0) })
        let outcome = time.run { try await handleRequest(id: "req-7", items: [1, 2, 3, 4], sink: sink, work: work) }
        try outcome.requireValue("handleRequest")
        let entries = sink.entries
        expect(entries.count == 8, "work logged \(entries.count) lines for 4 items; expected 8 (a start and an end for each item): was every item processed before handleRequest returned?")
        let wrong = entries.filter { $0.requestID != "req-7" }
        let example = wrong.first.map { " (\"\($0.message)\" carried \(shown($0.requestID)))" } ?? ""
        expect(wrong.isEmpty, "\(wrong.count) of \(entries.count) lines logged by work did not carry the request ID \"req-7\"\(example); expected every line to carry it. Bind it with RequestContext.$requestID.withValue around the work: child tasks inherit task-local values, detached tasks do not.")
    }

    func test_correctness_idNotBoundAfterReturn() throws {
        let time = VirtualTime()
        let log = WorkLog<String>(clock: time.clock)
        let sink = LogSink()
        let work = loggingWork(request: "req-1", log: log, latency: { _ in .milliseconds(100) })
        let outcome = time.run { () async throws -> String? in
            try await handleRequest(id: "req-1", items: [1, 2], sink: sink, work: work)
            sink.log("after the request")
            return RequestContext.requestID
        }
        let after = try outcome.requireValue("handleRequest")
        expect(after == nil, "after handleRequest returned, the caller's RequestContext.requestID was \(shown(after)); expected no ID: the binding belongs to the request's work and must end with it.")
        // Let anything the answer left behind run too, then look at what was logged after the return.
        time.settle()
        let entries = sink.entries
        let returned = entries.firstIndex { $0.message == "after the request" } ?? entries.count
        let callerLine = returned < entries.count ? entries[returned] : nil
        expect(callerLine?.requestID == nil, "a line the caller logged after handleRequest returned carried \(shown(callerLine?.requestID ?? nil)); expected no ID.")
        let late = entries.dropFirst(returned + 1).filter { $0.requestID == "req-1" }
        expect(late.isEmpty, "after handleRequest returned, \(late.count) more line(s) were logged under req-1 (\(late.map(\.message).joined(separator: "; "))); expected none: the request's work, and its binding, must be over when the call returns.")
    }

    func test_concurrency_itemsProcessedConcurrently() throws {
        let time = VirtualTime()
        let log = WorkLog<String>(clock: time.clock)
        let sink = LogSink()
        let work = loggingWork(request: "req-1", log: log, latency: { _ in .milliseconds(300) })
        let outcome = time.run { try await handleRequest(id: "req-1", items: [1, 2, 3, 4, 5], sink: sink, work: work) }
        try outcome.requireFinished("handleRequest")
        ResultsChannel.recordLatency(outcome.elapsed, requests: 5, each: .milliseconds(300))
        expect(log.maxInFlight == 5, "at most \(log.maxInFlight) of 5 items were being processed at once; expected all 5 together: the items do not depend on each other.")
        expect(outcome.elapsed == .milliseconds(300), "5 items of 300 ms took \(outcome.elapsed.seconds) of virtual time; expected 0.3 s, the time of one item, when they run side by side.")
    }

    func test_concurrency_twentyInterleavedRequestsKeepTheirIDs() throws {
        let time = VirtualTime()
        let log = WorkLog<String>(clock: time.clock)
        let sink = LogSink()
        let requests = (1...20).map { "req-\($0)" }
        let outcome = time.run {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, request) in requests.enumerated() {
                    // Different latencies per request and item, so the requests' lines interleave.
                    let work = loggingWork(request: request, log: log, latency: { item in .milliseconds(50 * ((index * 7 + item * 3) % 5 + 1)) })
                    group.addTask { try await handleRequest(id: request, items: [1, 2, 3], sink: sink, work: work) }
                }
                try await group.waitForAll()
            }
        }
        try outcome.requireFinished("20 concurrent calls of handleRequest")
        let entries = sink.entries
        expect(entries.count == 120, "20 requests of 3 items logged \(entries.count) lines; expected 120 (a start and an end for each item).")
        let crossed = entries.filter { $0.requestID != nil && $0.requestID != owner($0.message) }
        let example = crossed.first.map { " (a line of \($0.message.split(separator: ":")[0]) carried \(shown($0.requestID)))" } ?? ""
        expect(crossed.isEmpty, "across 20 interleaved requests, \(crossed.count) of \(entries.count) lines carried another request's ID\(example); expected every line to carry its own request's ID. Something shared by all requests (a global or static variable) holds only the ID written last; a task-local value belongs to each task and its children.")
    }

    func test_errors_firstErrorThrown() throws {
        let time = VirtualTime()
        let log = WorkLog<String>(clock: time.clock)
        let sink = LogSink()
        let work = loggingWork(
            request: "req-1", log: log, latency: { .milliseconds(100 * $0) },
            failing: [2: FakeError("item 2 is corrupt"), 3: FakeError("item 3 is corrupt")])
        let outcome = time.run { try await handleRequest(id: "req-1", items: [1, 2, 3, 4], sink: sink, work: work) }
        let error = try outcome.requireError("handleRequest with a failing item")
        expect((error as? FakeError) == FakeError("item 2 is corrupt"), "handleRequest threw \(describe(error)); expected the first error work threw, FakeError(item 2 is corrupt) at 0.2 s, unchanged.")
    }
}
