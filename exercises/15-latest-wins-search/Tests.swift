import Foundation
import InterviewHarness
import InterviewKit
import Synchronization
import XCTest

/// A search back end on the test clock: each query answers after its latency with its results,
/// or fails. Queries without a script answer ["<query> 1", "<query> 2"] after 50 ms.
private final class FakeSearch: Sendable {
    struct Answer: Sendable {
        let latency: Duration
        let result: Result<[String], FakeError>

        static func ok(after latency: Duration, _ results: [String]) -> Answer {
            Answer(latency: latency, result: .success(results))
        }

        static func fail(_ name: String, after latency: Duration) -> Answer {
            Answer(latency: latency, result: .failure(FakeError(name)))
        }
    }

    let log: WorkLog<String>
    private let answers: [String: Answer]

    init(clock: TestClock, _ answers: [String: Answer] = [:]) {
        self.log = WorkLog(clock: clock, lane: "search")
        self.answers = answers
    }

    func search(_ query: String) async throws -> [String] {
        let answer = answers[query] ?? .ok(after: .milliseconds(50), FakeSearch.results(query))
        return try await log.perform(query, latency: answer.latency) { try answer.result.get() }
    }

    static func results(_ query: String) -> [String] { ["\(query) 1", "\(query) 2"] }

    /// The queries searched, in the order the searches started.
    var queries: [String] { log.calls.map(\.label) }
}

/// What one keystroke's call of `queryChanged` gave back, and when.
private struct Answer: Sendable {
    let query: String
    let results: [String]?
    let returnedAt: Duration
}

/// What was still alive at the moment the last keystroke's call returned.
private struct LeftOver: Sendable {
    let searchesInFlight: [String]
    let sleepers: Int
}

/// Types each query at its virtual time, every keystroke in its own child task (child i first
/// sleeps until its time on the test clock, then calls `queryChanged`), and collects the answers
/// in keystroke order. `afterLast` runs in the last keystroke's task as soon as its call returns.
private func typing(
    _ keystrokes: [(at: Duration, query: String)], into controller: SearchController, clock: TestClock,
    afterLast: @escaping @Sendable () -> LeftOver? = { nil }
) async -> (answers: [Answer], leftOver: LeftOver?) {
    await withTaskGroup(of: (Int, Answer, LeftOver?).self) { group in
        for (index, keystroke) in keystrokes.enumerated() {
            let isLast = index == keystrokes.count - 1
            group.addTask {
                try? await clock.sleep(until: TestClock.Instant(offset: keystroke.at))
                let results = await controller.queryChanged(keystroke.query)
                let answer = Answer(query: keystroke.query, results: results, returnedAt: clock.elapsed)
                return (index, answer, isLast ? afterLast() : nil)
            }
        }
        var answers = [Answer?](repeating: nil, count: keystrokes.count)
        var leftOver: LeftOver?
        for await (index, answer, left) in group {
            answers[index] = answer
            if let left { leftOver = left }
        }
        return (answers.map { $0! }, leftOver)
    }
}

private func shown(_ results: [String]?) -> String {
    results.map { "[" + $0.map { "\"\($0)\"" }.joined(separator: ", ") + "]" } ?? "nil"
}

private func listed(_ queries: [String]) -> String {
    queries.map { "\"\($0)\"" }.joined(separator: ", ")
}

final class LatestWinsSearchTests: XCTestCase {
    func test_correctness_typingRunsOneSearchForTheNewestQuery() throws {
        let time = VirtualTime()
        let given = GivenClock(time.clock)
        let search = FakeSearch(clock: time.clock)
        let controller = SearchController(debounce: .milliseconds(300), clock: given, search: { try await search.search($0) })
        let outcome = time.run {
            await typing([(.zero, "s"), (.milliseconds(100), "sw"), (.milliseconds(200), "swi")], into: controller, clock: time.clock)
        }
        let answers = try outcome.requireValue("typing \"s\", \"sw\", \"swi\"").answers
        let queries = search.queries
        expect(queries == ["swi"], "typing \"s\", \"sw\", \"swi\" 100 ms apart with a 300 ms debounce ran \(queries.count) search(es) (\(listed(queries))); expected exactly one, for \"swi\": a query replaced within the debounce time is never searched.")
        let start = search.log.calls.first?.start
        expect(queries.count != 1 || start == .milliseconds(500), "the search for \"swi\" started at \(start?.seconds ?? "-"); expected 0.5 s, 300 ms after the last keystroke at 0.2 s.\(given.unusedNote)")
        for answer in answers.dropLast() {
            expect(answer.results == nil, "the call for \"\(answer.query)\" returned \(shown(answer.results)); expected nil, because a newer query arrived while it was waiting out the debounce.")
        }
        let last = answers[2]
        expect(last.results == FakeSearch.results("swi"), "the call for \"swi\" returned \(shown(last.results)); expected \(shown(FakeSearch.results("swi"))), the results of the newest query.")
    }

    func test_correctness_newestCallGetsItsOwnResults() throws {
        let time = VirtualTime()
        let given = GivenClock(time.clock)
        let search = FakeSearch(clock: time.clock, ["a": .ok(after: .seconds(1), ["apple", "avocado"])])
        let controller = SearchController(debounce: .milliseconds(100), clock: given, search: { try await search.search($0) })
        let outcome = time.run {
            await typing([(.zero, "a"), (.milliseconds(300), "ab")], into: controller, clock: time.clock)
        }
        let answers = try outcome.requireValue("typing \"a\", then \"ab\" 300 ms later").answers
        expect(answers[1].results == FakeSearch.results("ab"), "the call for \"ab\" returned \(shown(answers[1].results)); expected \(shown(FakeSearch.results("ab"))): the newest call gets the newest query's results, never those of an older, slower search (\"a\" takes 1 s).")
        expect(answers[1].returnedAt == .milliseconds(450), "the call for \"ab\" returned at \(answers[1].returnedAt.seconds); expected 0.45 s: typed at 0.3 s, 100 ms of debounce, then a 50 ms search, without waiting for the older search.\(given.unusedNote)")
        expect(answers[0].results == nil, "the call for \"a\" returned \(shown(answers[0].results)); expected nil: \"ab\" replaced it while its search was running, so its results are stale.")
    }

    func test_cancellation_overtakenSearchIsCancelled() throws {
        let time = VirtualTime()
        let given = GivenClock(time.clock)
        let search = FakeSearch(clock: time.clock, ["a": .ok(after: .seconds(1), ["apple", "avocado"])])
        let controller = SearchController(debounce: .milliseconds(100), clock: given, search: { try await search.search($0) })
        let outcome = time.run {
            await typing([(.zero, "a"), (.milliseconds(300), "ab")], into: controller, clock: time.clock)
        }
        try outcome.requireFinished("typing \"a\", then \"ab\" 300 ms later")
        time.settle()
        guard let stale = search.log.calls.first(where: { $0.label == "a" }) else {
            expect(false, "no search for \"a\" ran; expected one to start at 0.1 s, when its 100 ms debounce ended with no newer query.")
            return
        }
        let ended = stale.end.map { "ran on until \($0.seconds)" } ?? "never ended"
        expect(stale.cancelled && stale.end == .milliseconds(300), "the search for \"a\" (started at \(stale.start.seconds), 1 s long) \(stale.cancelled ? "was cancelled at \(stale.end?.seconds ?? "-")" : "was not cancelled: it \(ended)"); expected it to be cancelled at 0.3 s, when \"ab\" arrived: its results can no longer be used, and it holds a connection and server time.")
    }

    func test_errors_failingSearchReturnsEmpty() throws {
        let time = VirtualTime()
        let given = GivenClock(time.clock)
        let search = FakeSearch(clock: time.clock, ["x": .fail("search index offline", after: .milliseconds(50))])
        let controller = SearchController(debounce: .milliseconds(100), clock: given, search: { try await search.search($0) })
        let outcome = time.run {
            await typing([(.zero, "x"), (.seconds(1), "xy")], into: controller, clock: time.clock)
        }
        let answers = try outcome.requireValue("typing \"x\", then \"xy\" a second later").answers
        expect(answers[0].results == [], "the call for \"x\", whose search failed with FakeError(search index offline), returned \(shown(answers[0].results)); expected [] (no results): a failed search is not a stale one, so it must not return nil.")
        expect(answers[1].results == FakeSearch.results("xy"), "the call for \"xy\", typed a second after a failed search, returned \(shown(answers[1].results)); expected \(shown(FakeSearch.results("xy"))): one failure must not break the searches after it.")
    }

    func test_resources_nothingLeftRunningAfterLastCall() throws {
        let time = VirtualTime()
        let given = GivenClock(time.clock)
        let search = FakeSearch(clock: time.clock, ["a": .ok(after: .seconds(1), ["apple", "avocado"])])
        let controller = SearchController(debounce: .milliseconds(100), clock: given, search: { try await search.search($0) })
        let clock = time.clock
        let outcome = time.run {
            await typing([(.zero, "a"), (.milliseconds(300), "ab")], into: controller, clock: clock) {
                LeftOver(searchesInFlight: search.log.unfinished, sleepers: clock.sleeperCount)
            }
        }
        let (answers, leftOver) = try outcome.requireValue("typing \"a\", then \"ab\" 300 ms later")
        let at = answers.last!.returnedAt.seconds
        let searches = leftOver?.searchesInFlight ?? []
        expect(searches.isEmpty, "when the last call (for \"ab\") returned at \(at), \(searches.count) search(es) were still running (\(listed(searches))); expected none: a search nobody will read must be stopped, not left to finish.")
        let sleepers = leftOver?.sleepers ?? 0
        expect(!searches.isEmpty || sleepers == 0, "when the last call returned at \(at), \(sleepers) wait(s) were still pending on the clock (debounce timers or searches); expected none.")
        let before = search.log.calls.count
        time.settle()
        let after = search.log.calls.count
        expect(after == before, "\(after - before) search(es) started after every call had returned; expected none: a leftover debounce timer should not fire later.")
    }

    func test_cancellation_staleCallReturnsNilWhateverErrorTheSearchThrows() throws {
        let time = VirtualTime()
        let given = GivenClock(time.clock)
        let search = FakeSearch(clock: time.clock, ["a": .ok(after: .seconds(1), ["apple", "avocado"])])
        // Like URLSession: a cancelled search throws its own error (URLError.cancelled), not CancellationError.
        let controller = SearchController(debounce: .milliseconds(100), clock: given, search: { query in
            do { return try await search.search(query) } catch is CancellationError { throw FakeError("cancelled") }
        })
        let outcome = time.run { await typing([(.zero, "a"), (.milliseconds(300), "ab")], into: controller, clock: time.clock) }
        let answers = try outcome.requireValue("typing").answers
        expect(answers[0].results == nil, "the search for \"a\" was overtaken at 0.3 s and, cancelled, threw its own error (as URLSession throws URLError.cancelled); its call returned \(shown(answers[0].results)); expected nil: a call is stale because a newer one came, whatever error its search throws.")
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
