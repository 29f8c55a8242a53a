import Foundation
import InterviewHarness
import InterviewKit
import Synchronization
import XCTest

/// The feed's address in every test.
private let feedURL = URL(string: "https://example.test/feed")!

/// An error of the fakes; its text is what the screen should show.
private struct FeedError: Error, CustomStringConvertible, LocalizedError {
    let text: String
    var description: String { text }
    var errorDescription: String? { text }
}

/// The articles the parser makes of feed `n`.
private func articles(_ n: Int) -> [Article] {
    [Article(id: n * 10 + 1, title: "story 1 of feed \(n)"), Article(id: n * 10 + 2, title: "story 2 of feed \(n)")]
}

/// The body the client sends for its `n`th request: "feed n".
private func body(_ n: Int) -> Data { Data("feed \(n)".utf8) }

/// The feed number of a body the client sent.
private func feedNumber(_ data: Data) -> Int {
    Int(String(decoding: data, as: UTF8.self).split(separator: " ").last ?? "") ?? 0
}

/// A feed server on the test clock: its `n`th request answers "feed n", or fails, after the
/// latency scripted for call `n` (100 ms when none is). Logged on the lanes "GET 1", "GET 2"…
private final class FeedServer: HTTPClient {
    enum Answer: Sendable {
        case feed(after: Int)
        case fail(String, after: Int)
    }

    let log: WorkLog<Int>
    private let answers: [Int: Answer]
    private let count = Mutex(0)

    init(clock: TestClock, _ answers: [Int: Answer] = [:]) {
        log = WorkLog(clock: clock, lane: "GET")
        self.answers = answers
    }

    func get(_ url: URL) async throws -> Data {
        let n = count.withLock { count -> Int in
            count += 1
            return count
        }
        switch answers[n] ?? .feed(after: 100) {
        case .feed(let ms):
            return try await log.perform(n, latency: .milliseconds(ms)) { body(n) }
        case .fail(let text, let ms):
            return try await log.perform(n, latency: .milliseconds(ms)) { throw FeedError(text: text) }
        }
    }

    /// When request `n` ended, and whether by cancellation.
    func request(_ n: Int) -> WorkLog<Int>.Call? { log.calls.first { $0.label == n } }
}

/// A parser on the test clock: parsing feed `n` takes the latency scripted for it (50 ms when
/// none is) and ignores cancellation, as CPU-bound work does. It records whether each parse
/// was called on the main actor. Logged on the lanes "parse 1", "parse 2"…
private final class SlowParser: Sendable {
    let log: WorkLog<Int>
    private let clock: TestClock
    private let latencies: [Int: Int]
    private let failing: [Int: String]
    private let onMainActor = Mutex<[Bool]>([])

    init(clock: TestClock, latencies: [Int: Int] = [:], failing: [Int: String] = [:]) {
        log = WorkLog(clock: clock, lane: "parse")
        self.clock = clock
        self.latencies = latencies
        self.failing = failing
    }

    var parser: FeedParser {
        FeedParser { data, onMainActor in try await self.parse(data, onMainActor: onMainActor) }
    }

    private func parse(_ data: Data, onMainActor: Bool) async throws -> [Article] {
        self.onMainActor.withLock { $0.append(onMainActor) }
        let n = feedNumber(data)
        let latency = Duration.milliseconds(latencies[n] ?? 50)
        let clock = self.clock
        return try await log.record(n) {
            // Busy work does not notice cancellation: wait out the latency whatever happens.
            await Task.detached { try? await clock.sleep(for: latency) }.value
            if let text = failing[n] { throw FeedError(text: text) }
            return articles(n)
        }
    }

    /// For each parse so far, whether it was called on the main actor.
    var calledOnMainActor: [Bool] { onMainActor.withLock { $0 } }
}

/// One render the screen received, and when.
private struct Render: Sendable, Equatable {
    let state: FeedState
    let at: Duration

    var summary: String { "\(describe(state)) at \(at.seconds)" }
}

/// "loading", "loaded feed 2", "failed(\"…\")".
private func describe(_ state: FeedState) -> String {
    switch state {
    case .idle: return "idle"
    case .loading: return "loading"
    case .loaded(let list):
        if let n = (1...9).first(where: { articles($0) == list }) { return "loaded feed \(n)" }
        return "loaded \(list.count) articles"
    case .failed(let text): return "failed(\"\(text)\")"
    }
}

/// A screen that records every render with the virtual time it happened at.
@MainActor
private final class RecordingScreen: FeedScreen {
    private let clock: TestClock
    private(set) var renders: [Render] = []

    init(clock: TestClock) { self.clock = clock }

    func render(_ state: FeedState) {
        renders.append(Render(state: state, at: clock.elapsed))
    }
}

/// Renders with each run of one state shown once, at its first time ("repeats collapsed").
private func collapsed(_ renders: [Render]) -> [Render] {
    renders.reduce(into: []) { kept, render in
        if kept.last?.state != render.state { kept.append(render) }
    }
}

private func listed(_ renders: [Render]) -> String {
    renders.isEmpty ? "nothing" : renders.map(\.summary).joined(separator: ", ")
}

/// What was still running when the last refresh returned.
private struct LeftOver: Sendable {
    let requests: [Int]
    let parses: [Int]
}

/// Calls `refresh()` once at each time, each from its own child task, and returns when every
/// call has returned, with the time each returned. `afterLast` runs as soon as the last call returns.
private func refreshes(
    at times: [Duration], _ model: FeedViewModel, clock: TestClock,
    afterLast: @escaping @Sendable () -> LeftOver? = { nil }
) async -> (returned: [Duration], leftOver: LeftOver?) {
    await withTaskGroup(of: (Int, Duration, LeftOver?).self) { group in
        for (index, time) in times.enumerated() {
            let isLast = index == times.count - 1
            group.addTask {
                try? await clock.sleep(until: TestClock.Instant(offset: time))
                await model.refresh()
                return (index, clock.elapsed, isLast ? afterLast() : nil)
            }
        }
        var returned = [Duration](repeating: .zero, count: times.count)
        var leftOver: LeftOver?
        for await (index, at, left) in group {
            returned[index] = at
            if let left { leftOver = left }
        }
        return (returned, leftOver)
    }
}

final class MainActorUITests: XCTestCase {
    /// A view model, its screen and its fakes, made on the main actor as the app would.
    private func makeModel(_ time: VirtualTime, server: FeedServer, parser: SlowParser) -> (FeedViewModel, RecordingScreen) {
        let clock = time.clock
        return MainActor.assumeIsolated {
            let screen = RecordingScreen(clock: clock)
            let model = FeedViewModel(feedURL: feedURL, client: server, parser: parser.parser, screen: screen)
            return (model, screen)
        }
    }

    private func renders(_ screen: RecordingScreen) -> [Render] {
        MainActor.assumeIsolated { screen.renders }
    }

    func test_correctness_rendersLoadingThenTheArticles() throws {
        let time = VirtualTime()
        let server = FeedServer(clock: time.clock, [1: .feed(after: 100)])
        let parser = SlowParser(clock: time.clock, latencies: [1: 50])
        let (model, screen) = makeModel(time, server: server, parser: parser)
        let outcome = time.run { await model.refresh() }
        try outcome.requireFinished("refresh()")
        let shown = renders(screen)
        let expected = [Render(state: .loading, at: .zero), Render(state: .loaded(articles(1)), at: .milliseconds(150))]
        expect(shown == expected, "with a 100 ms request and a 50 ms parse, the screen rendered \(listed(shown)); expected exactly loading at 0.0 s, then loaded feed 1 at 0.15 s: show loading at once, then the parsed articles as soon as the parse ends.")
        expect(outcome.elapsed == .milliseconds(150), "refresh() returned at \(outcome.elapsed.seconds); expected 0.15 s, when the articles were shown: the caller's await ends with the refresh.")
    }

    func test_concurrency_parseRunsOffTheMainActor() throws {
        let time = VirtualTime()
        let server = FeedServer(clock: time.clock)
        let parser = SlowParser(clock: time.clock)
        let (model, _) = makeModel(time, server: server, parser: parser)
        let outcome = time.run {
            await model.refresh()
            await model.refresh()
        }
        try outcome.requireFinished("two refreshes, one after the other")
        let onMain = parser.calledOnMainActor
        expect(onMain.count == 2, "two refreshes called parse \(onMain.count) times; expected 2, one per refresh.")
        let onMainCount = onMain.filter { $0 }.count
        expect(onMainCount == 0, "\(onMainCount) of \(onMain.count) parses were called on the main actor; expected none. While the main actor parses, the screen cannot scroll or answer a tap: the view model lives on the main actor, so call the parse from code that is not isolated to it (a @concurrent or nonisolated async function).")
    }

    func test_errors_failedRequestShowsItsError() throws {
        let time = VirtualTime()
        let server = FeedServer(clock: time.clock, [1: .fail("the feed server is down", after: 100)])
        let parser = SlowParser(clock: time.clock)
        let (model, screen) = makeModel(time, server: server, parser: parser)
        let outcome = time.run { await model.refresh() }
        try outcome.requireFinished("refresh() with a failing request")
        let shown = renders(screen)
        let failed = shown.last.map { render -> Bool in
            guard case .failed(let text) = render.state else { return false }
            return text.contains("the feed server is down") && render.at == .milliseconds(100)
        } ?? false
        expect(failed && shown.count == 2, "a request failing at 0.1 s with FeedError(\"the feed server is down\") rendered \(listed(shown)); expected loading at 0.0 s, then failed at 0.1 s with a text that holds the error's description.")
        expect(outcome.elapsed == .milliseconds(100), "refresh() returned at \(outcome.elapsed.seconds); expected 0.1 s, when the request failed.")
    }

    func test_errors_failedParseShowsItsError() throws {
        let time = VirtualTime()
        let server = FeedServer(clock: time.clock, [1: .feed(after: 100)])
        let parser = SlowParser(clock: time.clock, latencies: [1: 50], failing: [1: "the feed is not valid XML"])
        let (model, screen) = makeModel(time, server: server, parser: parser)
        let outcome = time.run { await model.refresh() }
        try outcome.requireFinished("refresh() with a failing parse")
        let shown = renders(screen)
        let failed = shown.last.map { render -> Bool in
            guard case .failed(let text) = render.state else { return false }
            return text.contains("the feed is not valid XML") && render.at == .milliseconds(150)
        } ?? false
        expect(failed && shown.count == 2, "a parse failing at 0.15 s with FeedError(\"the feed is not valid XML\") rendered \(listed(shown)); expected loading at 0.0 s, then failed at 0.15 s with a text that holds the error's description.")
    }

    func test_errors_nextRefreshRecovers() throws {
        let time = VirtualTime()
        let server = FeedServer(clock: time.clock, [1: .fail("the feed server is down", after: 100), 2: .feed(after: 100)])
        let parser = SlowParser(clock: time.clock, latencies: [2: 50])
        let (model, screen) = makeModel(time, server: server, parser: parser)
        let outcome = time.run {
            await model.refresh()
            await model.refresh()
        }
        try outcome.requireFinished("a failing refresh, then another")
        let shown = renders(screen)
        let after = shown.filter { $0.at >= .milliseconds(100) && !isFailure($0.state) }
        let expected = [Render(state: .loading, at: .milliseconds(100)), Render(state: .loaded(articles(2)), at: .milliseconds(250))]
        expect(after == expected, "after a refresh failed at 0.1 s, a second refresh (100 ms request, 50 ms parse) rendered \(listed(after)); expected loading at 0.1 s, then loaded feed 2 at 0.25 s: one failure must not stop the next refresh from working.")
    }

    func test_cancellation_newRefreshCancelsTheOneInFlight() throws {
        let time = VirtualTime()
        let clock = time.clock
        let server = FeedServer(clock: clock, [1: .feed(after: 300), 2: .feed(after: 100)])
        let parser = SlowParser(clock: clock, latencies: [1: 50, 2: 50])
        let (model, screen) = makeModel(time, server: server, parser: parser)
        let outcome = time.run { await refreshes(at: [.zero, .milliseconds(100)], model, clock: clock) }
        let returned = try outcome.requireValue("refresh A at 0 s, refresh B at 0.1 s").returned
        let first = server.request(1)
        let ended = first.map { $0.cancelled ? "was cancelled at \($0.end?.seconds ?? "-")" : "was not cancelled: it ran on until \($0.end?.seconds ?? "the end")" } ?? "never started"
        expect(first?.cancelled == true && first?.end == .milliseconds(100), "refresh A's request (300 ms long) \(ended); expected it to be cancelled at 0.1 s, when refresh B started: its feed would be stale, and it holds a connection.")
        expect(returned[0] == .milliseconds(100), "refresh A returned at \(returned[0].seconds); expected 0.1 s, as soon as refresh B replaced it.")
        let shown = collapsed(renders(screen))
        let expected = [Render(state: .loading, at: .zero), Render(state: .loaded(articles(2)), at: .milliseconds(250))]
        expect(shown == expected, "the screen rendered \(listed(shown)) (repeats collapsed); expected loading at 0.0 s, then loaded feed 2 at 0.25 s: a replaced refresh is not a failure and shows nothing.")
    }

    func test_cancellation_overtakenParseIsNotShown() throws {
        let time = VirtualTime()
        let clock = time.clock
        let server = FeedServer(clock: clock, [1: .feed(after: 100), 2: .feed(after: 100)])
        let parser = SlowParser(clock: clock, latencies: [1: 200, 2: 100])
        let (model, screen) = makeModel(time, server: server, parser: parser)
        let outcome = time.run { await refreshes(at: [.zero, .milliseconds(150)], model, clock: clock) }
        try outcome.requireFinished("refresh A at 0 s, refresh B at 0.15 s")
        time.settle()
        let shown = collapsed(renders(screen))
        let expected = [Render(state: .loading, at: .zero), Render(state: .loaded(articles(2)), at: .milliseconds(350))]
        let parseA = parser.log.calls.first { $0.label == 1 }?.end.map { "parse of feed A ended at \($0.seconds)" } ?? "feed A was never parsed"
        expect(shown == expected, "refresh A's parse (0.1 s to 0.3 s) does not stop when cancelled, and refresh B came at 0.15 s (\(parseA)); the screen rendered \(listed(shown)) (repeats collapsed); expected loading at 0.0 s, then loaded feed 2 at 0.35 s. Check again after the parse that the refresh is still the current one before showing its articles.")
    }

    func test_cancellation_cancelledCallerStopsTheRequest() throws {
        let time = VirtualTime()
        let server = FeedServer(clock: time.clock, [1: .feed(after: 300)])
        let parser = SlowParser(clock: time.clock)
        let (model, screen) = makeModel(time, server: server, parser: parser)
        let outcome = time.run(cancelAt: .milliseconds(100)) { await model.refresh() }
        try outcome.requireFinished("refresh() cancelled at 0.1 s")
        let request = server.request(1)
        let ended = request.map { $0.cancelled ? "was cancelled at \($0.end?.seconds ?? "-")" : "was not cancelled: it ran on until \($0.end?.seconds ?? "the end")" } ?? "never started"
        expect(request?.cancelled == true && request?.end == .milliseconds(100), "with the caller of refresh() cancelled at 0.1 s, the request (300 ms long) \(ended); expected it to be cancelled at 0.1 s: whoever awaits refresh() can stop it.")
        expect(outcome.elapsed == .milliseconds(100), "refresh() returned at \(outcome.elapsed.seconds); expected 0.1 s, when its caller was cancelled.")
        time.settle()
        let failures = renders(screen).filter { isFailure($0.state) }
        expect(failures.isEmpty, "the cancelled refresh rendered \(listed(failures)); expected no failure: cancelling is not an error, and the user should not see one.")
    }

    func test_resources_nothingLeftAfterTheLastRefresh() throws {
        let time = VirtualTime()
        let clock = time.clock
        let server = FeedServer(clock: clock, [1: .feed(after: 300), 2: .feed(after: 100)])
        let parser = SlowParser(clock: clock, latencies: [1: 50, 2: 50])
        let (model, screen) = makeModel(time, server: server, parser: parser)
        let outcome = time.run {
            await refreshes(at: [.zero, .milliseconds(100)], model, clock: clock) {
                LeftOver(requests: server.log.unfinished, parses: parser.log.unfinished)
            }
        }
        let (returned, leftOver) = try outcome.requireValue("refresh A at 0 s, refresh B at 0.1 s")
        let at = returned[1].seconds
        let requests = leftOver?.requests ?? []
        let parses = leftOver?.parses ?? []
        expect(requests.isEmpty && parses.isEmpty, "when the last refresh returned at \(at), \(requests.count) request(s) and \(parses.count) parse(s) were still running; expected none: work whose result nobody will show must be stopped, not left to finish.")
        let before = renders(screen)
        time.settle()
        let added = Array(renders(screen).dropFirst(before.count))
        expect(added.isEmpty, "after every refresh had returned, the screen still rendered \(listed(added)); expected nothing: a refresh is over when it returns.")
    }
}

private func isFailure(_ state: FeedState) -> Bool {
    if case .failed = state { return true }
    return false
}
