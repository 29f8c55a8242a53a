import Foundation
import InterviewHarness
import InterviewKit
import Synchronization
import XCTest

/// A record source and sink: each fetch and each process takes a virtual latency and can fail.
private final class FakeRecords: Sendable {
    /// Every fetch, labelled by id.
    let fetches: WorkLog<Int>
    /// Every process call, labelled by the record's id.
    let processing: WorkLog<Int>
    private let fetchLatency: [Int: Duration]
    private let processLatency: [Int: Duration]
    private let fetchFailures: [Int: FakeError]
    private let processFailures: [Int: FakeError]
    private let done = Mutex<[Record]>([])

    init(
        clock: TestClock, fetchLatency: [Int: Duration], processLatency: [Int: Duration] = [:],
        fetchFailures: [Int: FakeError] = [:], processFailures: [Int: FakeError] = [:]
    ) {
        self.fetches = WorkLog(clock: clock, lane: "fetch")
        self.processing = WorkLog(clock: clock, lane: "process")
        self.fetchLatency = fetchLatency
        self.processLatency = processLatency
        self.fetchFailures = fetchFailures
        self.processFailures = processFailures
    }

    /// The `fetch` closure handed to `syncAll`.
    var fetch: @Sendable (Int) async throws -> Record {
        { id in
            try await self.fetches.perform(id, latency: self.fetchLatency[id] ?? .milliseconds(100)) {
                if let failure = self.fetchFailures[id] { throw failure }
                return Record(id: id, payload: "payload of \(id)")
            }
        }
    }

    /// The `process` closure handed to `syncAll`.
    var process: @Sendable (Record) async throws -> Void {
        { record in
            try await self.processing.perform(record.id, latency: self.processLatency[record.id] ?? .milliseconds(50)) {
                if let failure = self.processFailures[record.id] { throw failure }
                self.done.withLock { $0.append(record) }
            }
        }
    }

    /// Records whose processing finished successfully, in the order they finished.
    var processed: [Record] { done.withLock { $0 } }
    /// Fetches and process calls started and not yet ended.
    var inFlight: Int { fetches.inFlight + processing.inFlight }
}

final class AsyncForEachTests: XCTestCase {
    func test_correctness_everyRecordProcessedBeforeReturn() throws {
        let time = VirtualTime()
        let records = FakeRecords(clock: time.clock, fetchLatency: [1: .milliseconds(300), 2: .milliseconds(100), 3: .milliseconds(200)])
        let outcome = time.run { try await syncAll([1, 2, 3], fetch: records.fetch, process: records.process) }
        try outcome.requireValue("syncAll([1, 2, 3])")
        let processed = records.processed.sorted { $0.id < $1.id }
        let expected = [1, 2, 3].map { Record(id: $0, payload: "payload of \($0)") }
        expect(processed.map(\.id) == [1, 2, 3], "when syncAll returned at \(outcome.elapsed.seconds) of virtual time, \(processed.isEmpty ? "no record" : "records \(processed.map(\.id))") had been processed; expected all of [1, 2, 3], each once: the slowest takes 0.3 s to fetch and 0.05 s to process, so returning before 0.35 s means the job reports done too early.")
        expect(processed.map(\.id) != [1, 2, 3] || processed == expected, "process received \(processed); expected each record exactly as fetch returned it: \(expected).")
    }

    func test_correctness_emptyListDoesNothing() throws {
        let time = VirtualTime()
        let records = FakeRecords(clock: time.clock, fetchLatency: [:])
        let outcome = time.run { try await syncAll([], fetch: records.fetch, process: records.process) }
        try outcome.requireValue("syncAll([])")
        expect(records.fetches.calls.isEmpty && records.processing.calls.isEmpty, "syncAll([]) made \(records.fetches.calls.count) fetches and \(records.processing.calls.count) process calls; expected none.")
    }

    func test_concurrency_fetchesRunTogether() throws {
        let time = VirtualTime()
        let records = FakeRecords(clock: time.clock, fetchLatency: Dictionary(uniqueKeysWithValues: (1...5).map { ($0, .milliseconds(300)) }), processLatency: Dictionary(uniqueKeysWithValues: (1...5).map { ($0, .milliseconds(100)) }))
        let outcome = time.run { try await syncAll([1, 2, 3, 4, 5], fetch: records.fetch, process: records.process) }
        try outcome.requireFinished("syncAll([1, 2, 3, 4, 5])")
        ResultsChannel.recordLatency(outcome.elapsed, requests: 5, each: .milliseconds(400))
        let maxFetches = records.fetches.maxInFlight
        expect(maxFetches == 5, "by the time syncAll returned, at most \(maxFetches) of 5 fetches had been in flight at once; expected all 5 together: the records do not depend on each other.")
        expect(outcome.elapsed == .milliseconds(400), "5 records that each take 0.3 s to fetch and 0.1 s to process were synced in \(outcome.elapsed.seconds) of virtual time; expected 0.4 s, one record's time, when they run side by side\(outcome.elapsed < .milliseconds(400) ? ": returning sooner means the work was not done yet" : "").")
    }

    func test_errors_firstErrorThrownAtOnce() throws {
        let time = VirtualTime()
        let records = FakeRecords(clock: time.clock, fetchLatency: [1: .milliseconds(100), 2: .milliseconds(400), 3: .milliseconds(400)], fetchFailures: [1: FakeError("record 1 is corrupt")])
        let outcome = time.run { try await syncAll([1, 2, 3], fetch: records.fetch, process: records.process) }
        let error = try outcome.requireError("syncAll with a failing fetch")
        expect((error as? FakeError) == FakeError("record 1 is corrupt"), "syncAll threw \(describe(error)); expected the fetch's own error, FakeError(record 1 is corrupt), unchanged.")
        expect(outcome.elapsed == .milliseconds(100), "the fetch of record 1 failed at 0.1 s, but syncAll threw at \(outcome.elapsed.seconds) of virtual time; expected it to throw at once, at 0.1 s: once the batch has failed, waiting for the other records only delays the bad news.")
    }

    func test_errors_restCancelledAfterFirstError() throws {
        let time = VirtualTime()
        let records = FakeRecords(clock: time.clock, fetchLatency: [1: .milliseconds(100), 2: .milliseconds(400), 3: .milliseconds(400)], fetchFailures: [1: FakeError("record 1 is corrupt")])
        _ = time.run { try await syncAll([1, 2, 3], fetch: records.fetch, process: records.process) }
        time.settle()
        let keptFetching = records.fetches.keptRunning(after: .milliseconds(100), except: 1)
        let processedLater = records.processing.calls.filter { $0.start >= .milliseconds(100) }
        expect(keptFetching.isEmpty, "after the fetch of record 1 failed at 0.1 s, \(keptFetching.count) other fetch(es) ran on instead of being cancelled (records \(keptFetching.map(\.label))); expected every fetch still in flight to be cancelled.")
        expect(processedLater.isEmpty, "after the batch failed at 0.1 s, \(processedLater.count) record(s) were still processed (records \(processedLater.map(\.label))); expected no new work once syncAll has failed.")
    }

    func test_errors_processFailureThrownAndRestCancelled() throws {
        let time = VirtualTime()
        let records = FakeRecords(
            clock: time.clock, fetchLatency: [1: .milliseconds(100), 2: .milliseconds(100), 3: .milliseconds(100)],
            processLatency: [1: .milliseconds(10), 2: .milliseconds(300), 3: .milliseconds(300)],
            processFailures: [1: FakeError("cannot write record 1")])
        let outcome = time.run { try await syncAll([1, 2, 3], fetch: records.fetch, process: records.process) }
        let error = try outcome.requireError("syncAll with a failing process")
        expect((error as? FakeError) == FakeError("cannot write record 1"), "syncAll threw \(describe(error)); expected the error process threw, FakeError(cannot write record 1), unchanged.")
        expect(outcome.elapsed == .milliseconds(110), "processing record 1 failed at 0.11 s, but syncAll threw at \(outcome.elapsed.seconds) of virtual time; expected it to throw at once, at 0.11 s.")
        time.settle()
        let kept = records.processing.keptRunning(after: .milliseconds(110), except: 1)
        expect(kept.isEmpty, "after processing record 1 failed at 0.11 s, \(kept.count) other process call(s) ran on instead of being cancelled (records \(kept.map(\.label))); expected the rest of the batch to be cancelled.")
    }

    func test_resources_nothingRunningAfterReturn() throws {
        let time = VirtualTime()
        let records = FakeRecords(clock: time.clock, fetchLatency: [1: .milliseconds(100), 2: .milliseconds(200), 3: .milliseconds(300)])
        let outcome = time.run { try await syncAll([1, 2, 3], fetch: records.fetch, process: records.process) }
        try outcome.requireFinished("syncAll([1, 2, 3])")
        let inFlight = records.inFlight
        expect(!outcome.leftWorkRunning && inFlight == 0, "when syncAll returned at \(outcome.elapsed.seconds), \(inFlight) fetch or process call(s) were still in flight and \(outcome.pendingJobsAtEnd) task(s) were still queued to run; expected nothing: work nobody waits for cannot report its errors.")
    }

    func test_resources_nothingRunningAfterThrow() throws {
        let time = VirtualTime()
        let records = FakeRecords(clock: time.clock, fetchLatency: [1: .milliseconds(100), 2: .milliseconds(300), 3: .milliseconds(300)], fetchFailures: [1: FakeError("record 1 is corrupt")])
        let outcome = time.run { try await syncAll([1, 2, 3], fetch: records.fetch, process: records.process) }
        try outcome.requireFinished("syncAll with a failing fetch")
        let inFlight = records.inFlight
        expect(!outcome.leftWorkRunning && inFlight == 0, "when syncAll threw at \(outcome.elapsed.seconds), \(inFlight) fetch or process call(s) were still in flight and \(outcome.pendingJobsAtEnd) task(s) were still queued to run; expected nothing left running after the call.")
    }

    func test_concurrency_eachRecordProcessedAsSoonAsItsFetchEnds() throws {
        let time = VirtualTime()
        let records = FakeRecords(clock: time.clock, fetchLatency: [1: .milliseconds(300), 2: .milliseconds(100)], processLatency: [1: .milliseconds(100), 2: .milliseconds(300)])
        let outcome = time.run { try await syncAll([1, 2], fetch: records.fetch, process: records.process) }
        try outcome.requireFinished("syncAll")
        expect(outcome.elapsed == .milliseconds(400), "records fetched in 300 and 100 ms and processed in 100 and 300 ms finished at \(outcome.elapsed.seconds) of virtual time; expected 0.4 s, the slowest record\'s fetch plus process: process each record as soon as its own fetch ends, not after every fetch (a barrier between the two phases makes it 0.6 s).")
    }

}
