import Foundation
import InterviewHarness
import InterviewKit
import Synchronization
import XCTest

/// A renderer whose renders take a scripted virtual time each; one logged call per render.
/// A URL listed in `failing` fails its first `failing[n]` renders, then succeeds.
private final class FakeRenderer: ThumbnailRenderer {
    let log: WorkLog<URL>
    private let latencies: [URL: Duration]
    private let failuresLeft: Mutex<[URL: Int]>

    init(clock: TestClock, latencies: [Int: Int] = [:], failing: [Int: Int] = [:]) {
        log = WorkLog(clock: clock)
        self.latencies = Dictionary(uniqueKeysWithValues: latencies.map { (testURL($0.key), Duration.milliseconds($0.value)) })
        failuresLeft = Mutex(Dictionary(uniqueKeysWithValues: failing.map { (testURL($0.key), $0.value) }))
    }

    func render(_ url: URL) async throws -> Thumbnail {
        let fails = failuresLeft.withLock { left -> Bool in
            guard let count = left[url], count > 0 else { return false }
            left[url] = count - 1
            return true
        }
        return try await log.perform(url, latency: latencies[url] ?? .milliseconds(100)) {
            if fails { throw FakeError("render of \(number(url)) failed") }
            return expectedThumbnail(url)
        }
    }

    /// How many renders of `url` were started.
    func renders(of url: URL) -> Int { log.calls.filter { $0.label == url }.count }

    /// When the first render of `url` started, if one did.
    func start(of url: URL) -> Duration? { log.calls.first { $0.label == url }?.start }
}

/// The thumbnail the fake renders for `url`.
private func expectedThumbnail(_ url: URL) -> Thumbnail {
    Thumbnail(url: url, bytes: Data("thumbnail \(number(url))".utf8))
}

/// "3" for https://example.test/3.
private func number(_ url: URL) -> String { url.lastPathComponent }

/// "0.1 s" style, or "never" for a render that did not start.
private func at(_ time: Duration?) -> String { time?.seconds ?? "never" }

/// What one caller got, and when.
private struct Answer: Sendable {
    let result: Result<Thumbnail, any Error>
    let at: Duration

    var thumbnail: Thumbnail? { try? result.get() }
    var error: (any Error)? {
        if case .failure(let error) = result { return error }
        return nil
    }
    var summary: String {
        switch result {
        case .success(let thumbnail): return "a thumbnail of \(number(thumbnail.url)) at \(at.seconds)"
        case .failure(let error): return "\(describe(error)) at \(at.seconds)"
        }
    }
}

/// Calls `thumbnail(for:)` once for each URL number, from child tasks started together in
/// that order; one answer per call, in the same order.
private func callTogether(_ numbers: [Int], _ cache: ThumbnailCache, _ clock: TestClock) async -> [Answer] {
    await withTaskGroup(of: (Int, Answer).self) { group in
        for (index, n) in numbers.enumerated() {
            group.addTask {
                do {
                    let thumbnail = try await cache.thumbnail(for: testURL(n))
                    return (index, Answer(result: .success(thumbnail), at: clock.elapsed))
                } catch {
                    return (index, Answer(result: .failure(error), at: clock.elapsed))
                }
            }
        }
        var answers = [Answer?](repeating: nil, count: numbers.count)
        for await (index, answer) in group { answers[index] = answer }
        return answers.map { $0! }
    }
}

final class GCDMigrationTests: XCTestCase {
    func test_correctness_returnsTheRenderedThumbnail() throws {
        let time = VirtualTime()
        let renderer = FakeRenderer(clock: time.clock)
        let cache = ThumbnailCache(renderer: renderer, maxConcurrentRenders: 2)
        let outcome = time.run { (try await cache.thumbnail(for: testURL(1)), try await cache.thumbnail(for: testURL(2))) }
        let (first, second) = try outcome.requireValue("thumbnail(for:) for two URLs, one after the other")
        expect(first == expectedThumbnail(testURL(1)) && second == expectedThumbnail(testURL(2)), "thumbnail(for:) returned the thumbnails of \(number(first.url)) and \(number(second.url)) (\(first.bytes.count) and \(second.bytes.count) bytes); expected the renderer's thumbnails of 1 and 2, each for its own URL.")
    }

    func test_correctness_cachedURLReturnsAtOnceWithoutRendering() throws {
        let time = VirtualTime()
        let clock = time.clock
        let renderer = FakeRenderer(clock: clock)
        let cache = ThumbnailCache(renderer: renderer, maxConcurrentRenders: 2)
        let outcome = time.run { () async throws -> (Thumbnail, Duration) in
            _ = try await cache.thumbnail(for: testURL(1))
            try await clock.sleep(until: TestClock.Instant(offset: .milliseconds(200)))
            let again = try await cache.thumbnail(for: testURL(1))
            return (again, clock.elapsed)
        }
        let (again, answeredAt) = try outcome.requireValue("a second call for a URL rendered before")
        let renders = renderer.renders(of: testURL(1))
        expect(renders == 1, "a URL rendered at 0.1 s and asked for again at 0.2 s was rendered \(renders) times; expected once: the second call is answered from the cache.")
        expect(answeredAt == .milliseconds(200), "the second call for a cached URL, made at 0.2 s, returned at \(answeredAt.seconds); expected at once, at 0.2 s.")
        expect(again == expectedThumbnail(testURL(1)), "the cached call returned the thumbnail of \(number(again.url)); expected the one rendered for 1.")
    }

    func test_resources_waitingForASlotBlocksNoThread() throws {
        let time = VirtualTime()
        let clock = time.clock
        let renderer = FakeRenderer(clock: clock)
        let cache = ThumbnailCache(renderer: renderer, maxConcurrentRenders: 1)
        let outcome = time.run { await callTogether([1, 2], cache, clock) }
        let answers = try outcome.requireValue("two URLs at once with one render slot")
        let served = answers.filter { $0.thumbnail != nil }.count
        expect(served == 2, "with one render slot, 2 callers of different URLs got \(answers.map(\.summary).joined(separator: "; ")); expected both thumbnails: the second caller waits for the slot by suspending, and gets it when the first render ends.")
    }

    func test_concurrency_tenCallersOfOneURLShareOneRender() throws {
        let time = VirtualTime()
        let clock = time.clock
        let renderer = FakeRenderer(clock: clock)
        let cache = ThumbnailCache(renderer: renderer, maxConcurrentRenders: 4)
        let outcome = time.run { await callTogether(Array(repeating: 1, count: 10), cache, clock) }
        let answers = try outcome.requireValue("10 callers of one URL at once")
        let renders = renderer.renders(of: testURL(1))
        expect(renders == 1, "10 callers asking for one URL at once caused \(renders) renders; expected exactly 1. The legacy class kept a waiter list per URL for this; in an actor, every `await` lets the next caller in, so record the render in progress before awaiting it and let later callers wait for that one.")
        let late = answers.filter { $0.thumbnail != expectedThumbnail(testURL(1)) || $0.at != .milliseconds(100) }
        expect(late.isEmpty, "\(late.count) of 10 callers did not get the thumbnail at 0.1 s (one got \(late.first?.summary ?? "")); expected all 10 answered at 0.1 s, when the one render they share ends.")
    }

    func test_concurrency_freedSlotGoesToTheNextCallerInOrder() throws {
        let time = VirtualTime()
        let clock = time.clock
        let renderer = FakeRenderer(clock: clock, latencies: [1: 100, 2: 300, 3: 100, 4: 100, 5: 100])
        let cache = ThumbnailCache(renderer: renderer, maxConcurrentRenders: 2)
        let outcome = time.run { await callTogether([1, 2, 3, 4, 5], cache, clock) }
        let answers = try outcome.requireValue("5 URLs at once with 2 render slots")
        let starts = (1...5).map { renderer.start(of: testURL($0)) }
        let expected: [Duration?] = [0, 0, 100, 200, 300].map { .milliseconds($0) }
        expect(starts == expected, "with 2 slots, renders of 0.1, 0.3, 0.1, 0.1 and 0.1 s for URLs 1 to 5 (called in that order) started at \(starts.map(at).joined(separator: ", ")); expected 0, 0, 0.1, 0.2 and 0.3 s: two at once, and each freed slot goes straight to the next caller in line, in call order.")
        let done = answers.map(\.at).max() ?? .zero
        expect(done == .milliseconds(400), "the last of the 5 callers was answered at \(done.seconds); expected 0.4 s, when slots are refilled the moment they free up.")
    }

    func test_resources_neverMoreRendersThanTheLimit() throws {
        let time = VirtualTime()
        let clock = time.clock
        let renderer = FakeRenderer(clock: clock, latencies: Dictionary(uniqueKeysWithValues: (1...20).map { ($0, 50 + 10 * ($0 % 4)) }))
        let cache = ThumbnailCache(renderer: renderer, maxConcurrentRenders: 2)
        let outcome = time.run { await callTogether(Array(1...20), cache, clock) }
        let answers = try outcome.requireValue("20 URLs at once with 2 render slots")
        let most = renderer.log.maxInFlight
        expect(most <= 2, "with maxConcurrentRenders 2, up to \(most) of 20 renders ran at once; expected at most 2: the renderer is shared and slow, which is why the legacy class held a semaphore.")
        let served = answers.filter { $0.thumbnail != nil }.count
        expect(served == 20, "\(served) of 20 callers got their thumbnail; expected all 20 once their turn came.")
    }

    func test_errors_failureReachesEveryCaller() throws {
        let time = VirtualTime()
        let clock = time.clock
        let renderer = FakeRenderer(clock: clock, failing: [1: 10])
        let cache = ThumbnailCache(renderer: renderer, maxConcurrentRenders: 4)
        let outcome = time.run { await callTogether([1, 1, 1], cache, clock) }
        let answers = try outcome.requireValue("3 callers of a URL whose render fails at 0.1 s")
        let expected = FakeError("render of 1 failed")
        let reached = answers.filter { ($0.error as? FakeError) == expected && $0.at == .milliseconds(100) }.count
        expect(reached == 3, "3 callers waited for a render that failed at 0.1 s and got \(answers.map(\.summary).joined(separator: "; ")); expected each of them to get the renderer's error \(expected), unchanged, at 0.1 s.")
    }

    func test_errors_failureIsNotCached() throws {
        let time = VirtualTime()
        let clock = time.clock
        let renderer = FakeRenderer(clock: clock, failing: [1: 1])
        let cache = ThumbnailCache(renderer: renderer, maxConcurrentRenders: 2)
        let outcome = time.run { () async -> [Answer] in
            var answers: [Answer] = []
            for _ in 0..<2 {
                answers += await callTogether([1], cache, clock)
            }
            return answers
        }
        let answers = try outcome.requireValue("a call after a failed render")
        let renders = renderer.renders(of: testURL(1))
        expect(answers[0].error != nil, "the first call returned \(answers[0].summary) although its render failed; expected the renderer's error.")
        expect(answers[1].thumbnail == expectedThumbnail(testURL(1)) && renders == 2, "after a failed render, the next call got \(answers[1].summary), and the renderer ran \(renders) time(s) in all; expected a new render and its thumbnail: a failure is not cached, or one bad moment breaks that URL for good.")
    }

    func test_errors_failedRenderFreesItsSlotAtOnce() throws {
        let time = VirtualTime()
        let clock = time.clock
        let renderer = FakeRenderer(clock: clock, failing: [1: 1])
        let cache = ThumbnailCache(renderer: renderer, maxConcurrentRenders: 1)
        let outcome = time.run { await callTogether([1, 2], cache, clock) }
        let answers = try outcome.requireValue("a failing render and a waiting one, with one slot")
        let start = renderer.start(of: testURL(2))
        expect(start.map { $0 <= .milliseconds(100) } ?? false, "with one slot, URL 1's render failed at 0.1 s and URL 2's render, waiting for the slot, started at \(at(start)); expected 0.1 s: a failed render gives its slot back at once, like a successful one.")
        expect(answers[1].thumbnail != nil, "the caller waiting behind a failed render got \(answers[1].summary); expected its own thumbnail.")
    }

    func test_cancellation_cancelledWaiterLeavesAtOnce() throws {
        let time = VirtualTime()
        let clock = time.clock
        let renderer = FakeRenderer(clock: clock, latencies: [1: 300, 2: 100, 3: 100])
        let cache = ThumbnailCache(renderer: renderer, maxConcurrentRenders: 1)
        let outcome = time.run { () async -> [Answer] in
            let callers = [1, 2, 3].map { n in
                Task(executorPreference: time.executor) { () async -> Answer in
                    do {
                        return Answer(result: .success(try await cache.thumbnail(for: testURL(n))), at: clock.elapsed)
                    } catch {
                        return Answer(result: .failure(error), at: clock.elapsed)
                    }
                }
            }
            try? await clock.sleep(until: TestClock.Instant(offset: .milliseconds(100)))
            callers[1].cancel()
            var answers: [Answer] = []
            for caller in callers { answers.append(await caller.value) }
            return answers
        }
        let answers = try outcome.requireValue("3 callers with one slot, the second cancelled at 0.1 s")
        let second = answers[1]
        expect(second.error is CancellationError && second.at == .milliseconds(100), "caller 2, waiting for the only slot, was cancelled at 0.1 s and got \(second.summary); expected CancellationError at 0.1 s: a cancelled caller stops waiting at once.")
        let late = renderer.log.calls.filter { $0.label == testURL(2) && ($0.end ?? .seconds(1_000_000)) > .milliseconds(100) }
        expect(late.isEmpty, "URL 2's render started at \(at(late.first?.start)) and ran on after its only caller was cancelled at 0.1 s; expected it never to start: nobody wants that thumbnail any more, and it would take the slot from caller 3.")
        let third = renderer.start(of: testURL(3))
        expect(third.map { $0 <= .milliseconds(300) } ?? false, "caller 3's render started at \(at(third)); expected 0.3 s, when render 1 frees the only slot: the cancelled caller must not hold a place in line.")
        expect(answers[0].thumbnail != nil && answers[2].thumbnail != nil, "callers 1 and 3 got \(answers[0].summary) and \(answers[2].summary); expected their thumbnails: cancelling caller 2 concerns nobody else.")
    }
}
