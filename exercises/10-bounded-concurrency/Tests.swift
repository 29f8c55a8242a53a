import Foundation
import InterviewHarness
import InterviewKit
import XCTest

final class BoundedConcurrencyTests: XCTestCase {
    /// A transform whose call for item `n` takes a scripted virtual time and returns "item n",
    /// or throws `FakeError("item n failed")` for the items listed in `failing`.
    private final class ScriptedTransform: Sendable {
        let log: WorkLog<Int>
        let latencies: [Duration]
        let failing: Set<Int>

        init(_ time: VirtualTime, latencies: [Duration], failing: Set<Int> = []) {
            self.log = WorkLog(clock: time.clock, lane: "item")
            self.latencies = latencies
            self.failing = failing
        }

        func callAsFunction(_ item: Int) async throws -> String {
            try await log.perform(item, latency: latencies[item]) {
                if failing.contains(item) { throw FakeError("item \(item) failed") }
                return "item \(item)"
            }
        }

        /// When each item's transform started, in item order (nil: never started).
        var starts: [Duration?] {
            let calls = log.calls
            return latencies.indices.map { item in calls.first { $0.label == item }?.start }
        }
    }

    private func ms(_ values: [Int]) -> [Duration] { values.map { .milliseconds($0) } }

    private func list(_ times: [Duration?]) -> String {
        "[" + times.map { $0.map { $0.seconds } ?? "never" }.joined(separator: ", ") + "]"
    }

    /// When each item starts if every freed slot is refilled at once, in input order.
    private func bestStarts(_ latencies: [Duration], limit: Int) -> [Duration] {
        var freeAt = [Duration](repeating: .zero, count: limit)
        return latencies.map { latency in
            let slot = freeAt.indices.min { freeAt[$0] < freeAt[$1] }!
            let start = freeAt[slot]
            freeAt[slot] = start + latency
            return start
        }
    }

    // Correctness tests that need no waiting for a slot come first, then the concurrency
    // tests: an answer that blocks the thread while it waits for a slot hangs in the first
    // concurrency test, and the run is reported as a time-out there.

    func test_correctness_emptyInput() throws {
        let time = VirtualTime()
        let transform = ScriptedTransform(time, latencies: [])
        let outcome = time.run { try await mapConcurrently([Int](), limit: 3) { try await transform($0) } }
        let results = try outcome.requireValue("mapConcurrently([], limit: 3)")
        expect(results.isEmpty, "mapConcurrently([], limit: 3) returned \(results.count) results; expected none.")
        expect(transform.log.calls.isEmpty, "mapConcurrently([], limit: 3) called the transform \(transform.log.calls.count) times; expected no calls for no items.")
    }

    func test_correctness_limitLargerThanInput() throws {
        let time = VirtualTime()
        let transform = ScriptedTransform(time, latencies: ms([300, 100, 200]))
        let outcome = time.run { try await mapConcurrently([0, 1, 2], limit: 10) { try await transform($0) } }
        let results = try outcome.requireValue("mapConcurrently(3 items, limit: 10)")
        expect(results == ["item 0", "item 1", "item 2"], "3 items with a limit of 10 gave \(results); expected [\"item 0\", \"item 1\", \"item 2\"]: a limit larger than the list simply runs every item.")
        expect(transform.log.calls.count == 3, "3 items with a limit of 10 made \(transform.log.calls.count) transform calls; expected 3, one per item.")
    }

    func test_concurrency_limitLargerThanInputRunsEveryItemAtOnce() throws {
        let time = VirtualTime()
        let transform = ScriptedTransform(time, latencies: ms([300, 100, 200]))
        let outcome = time.run { try await mapConcurrently([0, 1, 2], limit: 10) { try await transform($0) } }
        try outcome.requireFinished("mapConcurrently(3 items, limit: 10)")
        expect(transform.log.maxInFlight == 3 && outcome.elapsed == .milliseconds(300), "3 items of 300, 100 and 200 ms with a limit of 10 ran at most \(transform.log.maxInFlight) at once and took \(outcome.elapsed.seconds) of virtual time; expected all 3 together, done at 0.3 s: up to min(limit, items) run at once.")
    }

    func test_concurrency_freedSlotRefilledAtOnce() throws {
        let time = VirtualTime()
        let latencies = ms([300, 100, 100, 100, 200])
        let transform = ScriptedTransform(time, latencies: latencies)
        let outcome = time.run { try await mapConcurrently(Array(0..<5), limit: 2) { try await transform($0) } }
        try outcome.requireFinished("mapConcurrently(5 items, limit: 2)")
        let expected = bestStarts(latencies, limit: 2)
        let starts = transform.starts
        expect(starts == expected.map(Optional.some), "with a limit of 2 and items of 300, 100, 100, 100 and 200 ms, the items started at \(list(starts)); expected \(list(expected)): each time a transform finishes, its slot goes to the next item at that very moment, without waiting for the rest of a batch.")
        expect(outcome.elapsed == .milliseconds(500), "5 items of 300, 100, 100, 100 and 200 ms with a limit of 2 took \(outcome.elapsed.seconds) of virtual time; expected 0.5 s: item 0 keeps one slot busy for 0.3 s while items 1, 2 and 3 take turns in the other, then item 4 runs from 0.3 s to 0.5 s.")
    }

    func test_concurrency_limitSlotsBusyWhileWorkRemains() throws {
        let time = VirtualTime()
        let latencies = ms([100, 250, 100, 150, 100, 100, 300, 100])
        let transform = ScriptedTransform(time, latencies: latencies)
        let outcome = time.run { try await mapConcurrently(Array(0..<8), limit: 3) { try await transform($0) } }
        try outcome.requireFinished("mapConcurrently(8 items, limit: 3)")
        expect(transform.log.maxInFlight == 3, "with a limit of 3 and 8 items, the most transforms running at once was \(transform.log.maxInFlight); expected exactly 3 while items were waiting.")
        let expected = bestStarts(latencies, limit: 3)
        let starts = transform.starts
        expect(starts == expected.map(Optional.some), "with a limit of 3, 8 items of 100, 250, 100, 150, 100, 100, 300 and 100 ms started at \(list(starts)); expected \(list(expected)): as long as items are waiting, all 3 slots stay busy.")
    }

    func test_concurrency_mixedDurationsFinishInBestTime() throws {
        let time = VirtualTime()
        let latencies = ms([1000, 100, 100, 100, 100, 100, 100])
        let transform = ScriptedTransform(time, latencies: latencies)
        let outcome = time.run { try await mapConcurrently(Array(0..<7), limit: 2) { try await transform($0) } }
        try outcome.requireFinished("mapConcurrently(7 items, limit: 2)")
        ResultsChannel.recordLatency(outcome.elapsed, requests: 7)
        expect(outcome.elapsed == .seconds(1), "one item of 1 s and six of 100 ms with a limit of 2 took \(outcome.elapsed.seconds) of virtual time; expected 1.0 s: the six short items take turns in one slot (0.6 s in all) while the long one holds the other. Batches of 2 take 1.3 s, one at a time 1.6 s.")
    }

    func test_correctness_resultsInInputOrder() throws {
        let time = VirtualTime()
        let transform = ScriptedTransform(time, latencies: ms([400, 100, 300, 50, 200, 10]))
        let outcome = time.run { try await mapConcurrently(Array(0..<6), limit: 3) { try await transform($0) } }
        let results = try outcome.requireValue("mapConcurrently(6 items, limit: 3)")
        let expected = (0..<6).map { "item \($0)" }
        expect(results == expected, "the results came back as \(results); expected \(expected), the order of the items, although the transforms finished in another order.")
    }

    func test_resources_neverMoreThanLimitInFlight() throws {
        let time = VirtualTime()
        let transform = ScriptedTransform(time, latencies: Array(repeating: .milliseconds(100), count: 10))
        let outcome = time.run { try await mapConcurrently(Array(0..<10), limit: 3) { try await transform($0) } }
        try outcome.requireFinished("mapConcurrently(10 items, limit: 3)")
        expect(transform.log.maxInFlight <= 3, "\(transform.log.maxInFlight) of 10 transforms were running at once; expected never more than the limit of 3: the service behind the transform cannot take more.")
    }

    func test_errors_firstErrorThrownAtOnce() throws {
        let time = VirtualTime()
        let transform = ScriptedTransform(time, latencies: ms([500, 100, 200, 200, 200, 200]), failing: [1])
        let outcome = time.run { try await mapConcurrently(Array(0..<6), limit: 2) { try await transform($0) } }
        let error = try outcome.requireError("mapConcurrently with item 1 failing")
        expect((error as? FakeError) == FakeError("item 1 failed"), "mapConcurrently threw \(describe(error)); expected the transform's own error, FakeError(item 1 failed), unchanged.")
        let failedAt = transform.log.endOfFirstCall(1) ?? .zero
        expect(outcome.elapsed == failedAt, "item 1 failed at \(failedAt.seconds) but mapConcurrently threw at \(outcome.elapsed.seconds) of virtual time; expected it to throw at once: once one item has failed the answer is known.")
    }

    func test_errors_restCancelledAndNothingNewStarts() throws {
        let time = VirtualTime()
        let transform = ScriptedTransform(time, latencies: ms([500, 100, 200, 200, 200, 200]), failing: [1])
        _ = time.run { try await mapConcurrently(Array(0..<6), limit: 2) { try await transform($0) } }
        time.settle()
        let failedAt = transform.log.endOfFirstCall(1) ?? .zero
        let kept = transform.log.keptRunning(after: failedAt, except: 1)
        expect(kept.isEmpty, "after item 1 failed at \(failedAt.seconds), item(s) \(kept.map { String($0.label) }.joined(separator: ", ")) ran on instead of being cancelled; expected every transform still running to be cancelled: its result can no longer be used.")
        let late = transform.log.calls.filter { $0.label != 1 && $0.start >= failedAt }.map(\.label)
        expect(late.isEmpty, "after item 1 failed at \(failedAt.seconds), item(s) \(late.map(String.init).joined(separator: ", ")) were started anyway; expected no new transform once an error is known: their results could never be used.")
    }
}
