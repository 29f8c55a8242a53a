import Foundation
import InterviewHarness
import InterviewKit
import Synchronization
import XCTest

/// A loader scripted per URL: one step per attempt, the last step repeating for later attempts.
/// Every attempt is one logged call on the test clock.
private final class ScriptedLoader: Sendable {
    struct Step: Sendable {
        let latency: Duration
        let result: Result<Data, FakeError>

        static func ok(_ body: String, after latency: Duration) -> Step {
            Step(latency: latency, result: .success(Data(body.utf8)))
        }

        static func fail(_ name: String, after latency: Duration) -> Step {
            Step(latency: latency, result: .failure(FakeError(name)))
        }
    }

    let log: WorkLog<URL>
    private let script: [URL: [Step]]
    private let attempts = Mutex<[URL: Int]>([:])

    init(clock: TestClock, _ script: [Int: [Step]]) {
        self.log = WorkLog(clock: clock, lane: "load")
        self.script = Dictionary(uniqueKeysWithValues: script.map { (testURL($0.key), $0.value) })
    }

    func load(_ url: URL) async throws -> Data {
        let attempt = attempts.withLock { attempts -> Int in
            defer { attempts[url, default: 0] += 1 }
            return attempts[url, default: 0]
        }
        let steps = script[url] ?? [.fail("no image at \(url.absoluteString)", after: .zero)]
        let step = steps[min(attempt, steps.count - 1)]
        return try await log.perform(url, latency: step.latency) { try step.result.get() }
    }

    /// How many times `url` was loaded.
    func loads(of url: URL) -> Int { log.calls.filter { $0.label == url }.count }
}

/// Asks `cache` for `url` from `count` child tasks started together; one result per caller.
private func callers(_ count: Int, of url: URL, cache: ImageCache) async -> [Result<Data, any Error>] {
    await withTaskGroup(of: Result<Data, any Error>.self) { group in
        for _ in 0..<count {
            group.addTask {
                do { return .success(try await cache.image(for: url)) } catch { return .failure(error) }
            }
        }
        var results: [Result<Data, any Error>] = []
        for await result in group { results.append(result) }
        return results
    }
}

private func text(_ data: Data) -> String { String(decoding: data, as: UTF8.self) }

final class RequestCoalescingTests: XCTestCase {
    private func cache(_ loader: ScriptedLoader) -> ImageCache {
        ImageCache(loader: { try await loader.load($0) })
    }

    func test_correctness_returnsLoadedData() throws {
        let time = VirtualTime()
        let loader = ScriptedLoader(clock: time.clock, [1: [.ok("image 1", after: .milliseconds(200))], 2: [.ok("image 2", after: .milliseconds(100))]])
        let cache = cache(loader)
        let outcome = time.run { (try await cache.image(for: testURL(1)), try await cache.image(for: testURL(2))) }
        let (first, second) = try outcome.requireValue("image(for:)")
        expect(text(first) == "image 1", "image(for: \(testURL(1).absoluteString)) returned \"\(text(first))\"; expected \"image 1\", the data the loader gave for that URL.")
        expect(text(second) == "image 2", "image(for: \(testURL(2).absoluteString)) returned \"\(text(second))\"; expected \"image 2\": each URL gets its own data.")
    }

    func test_correctness_cachedURLNotLoadedAgain() throws {
        let time = VirtualTime()
        let loader = ScriptedLoader(clock: time.clock, [1: [.ok("image 1", after: .milliseconds(200))]])
        let cache = cache(loader)
        let outcome = time.run { (try await cache.image(for: testURL(1)), try await cache.image(for: testURL(1))) }
        let (first, second) = try outcome.requireValue("two calls of image(for:) one after the other")
        let loads = loader.loads(of: testURL(1))
        expect(loads == 1, "two calls for the same URL, the second after the first had finished, caused \(loads) loads; expected 1: the second call should be answered from the cache.")
        expect(text(second) == text(first), "the second call returned \"\(text(second))\" and the first \"\(text(first))\"; expected the same cached data.")
        expect(outcome.elapsed == .milliseconds(200), "the two calls took \(outcome.elapsed.seconds) of virtual time; expected 0.2 s: one load of 0.2 s, then an answer from the cache at once.")
    }

    func test_concurrency_fiftyCallersOneLoad() throws {
        let time = VirtualTime()
        let loader = ScriptedLoader(clock: time.clock, [1: [.ok("image 1", after: .milliseconds(300))]])
        let cache = cache(loader)
        let outcome = time.run { await callers(50, of: testURL(1), cache: cache) }
        let results = try outcome.requireValue("50 concurrent calls of image(for:)")
        let loads = loader.loads(of: testURL(1))
        expect(loads == 1, "50 concurrent callers for one URL caused \(loads) loads; expected exactly 1. Every `await` inside an actor method lets other callers in: a caller that arrives while a load is running must wait for that load, not start its own.")
        let served = results.filter { (try? $0.get()).map(text) == "image 1" }.count
        expect(served == 50, "\(served) of 50 callers received \"image 1\"; expected all 50 to get the loaded data.")
        expect(outcome.elapsed == .milliseconds(300), "the 50 callers were all answered after \(outcome.elapsed.seconds) of virtual time; expected 0.3 s, the time of the one load they share.")
    }

    func test_concurrency_differentURLsLoadConcurrently() throws {
        let time = VirtualTime()
        let loader = ScriptedLoader(clock: time.clock, Dictionary(uniqueKeysWithValues: (1...3).map { ($0, [.ok("image \($0)", after: .milliseconds(300))]) }))
        let cache = cache(loader)
        let outcome = time.run {
            try await withThrowingTaskGroup(of: Data.self) { group in
                for number in 1...3 { group.addTask { try await cache.image(for: testURL(number)) } }
                var count = 0
                for try await _ in group { count += 1 }
                return count
            }
        }
        try outcome.requireFinished("three concurrent calls for three URLs")
        ResultsChannel.recordLatency(outcome.elapsed, requests: 3, each: .milliseconds(300))
        expect(loader.log.maxInFlight == 3, "at most \(loader.log.maxInFlight) of 3 loads for 3 different URLs were in flight at once; expected all 3 together: only callers of the same URL need to share a load.")
        expect(outcome.elapsed == .milliseconds(300), "3 loads of 300 ms for different URLs took \(outcome.elapsed.seconds) of virtual time; expected 0.3 s: one URL's load must not hold up another's.")
    }

    func test_errors_failureThrownToEveryWaiter() throws {
        let time = VirtualTime()
        let loader = ScriptedLoader(clock: time.clock, [1: [.fail("image server is down", after: .milliseconds(200))]])
        let cache = cache(loader)
        let outcome = time.run { await callers(10, of: testURL(1), cache: cache) }
        let results = try outcome.requireValue("10 concurrent calls of image(for:) with a failing loader")
        let expected = FakeError("image server is down")
        let gotError = results.filter { result in
            if case .failure(let error) = result { return (error as? FakeError) == expected }
            return false
        }.count
        let other = results.first { result in
            if case .failure(let error) = result { return (error as? FakeError) != expected }
            return true
        }
        let example = other.map { result -> String in
            switch result {
            case .success(let data): return " (one caller received data: \"\(text(data))\")"
            case .failure(let error): return " (one caller got \(describe(error)))"
            }
        } ?? ""
        expect(gotError == 10, "\(gotError) of 10 waiting callers received the loader's error \(expected)\(example); expected every caller waiting for the failed load to get that same error, unchanged.")
    }

    func test_errors_failureNotCached() throws {
        let time = VirtualTime()
        let loader = ScriptedLoader(clock: time.clock, [1: [.fail("image server is down", after: .milliseconds(100)), .ok("image 1", after: .milliseconds(100))]])
        let cache = cache(loader)
        let outcome = time.run { () async -> [Result<Data, any Error>] in
            var results: [Result<Data, any Error>] = []
            for _ in 0..<2 {
                do { results.append(.success(try await cache.image(for: testURL(1)))) } catch { results.append(.failure(error)) }
            }
            return results
        }
        let results = try outcome.requireValue("two calls of image(for:) after a failed load")
        if case .success(let data) = results[0] {
            expect(false, "the first call returned \"\(text(data))\" although its load failed; expected it to throw the loader's error.")
        }
        let loads = loader.loads(of: testURL(1))
        switch results[1] {
        case .success(let data):
            expect(text(data) == "image 1", "the call after the failure returned \"\(text(data))\"; expected \"image 1\", the data of the new load.")
            expect(loads == 2, "a failed load followed by a new call caused \(loads) loads; expected 2: the failure is forgotten and the next call loads again.")
        case .failure(let error):
            expect(false, "the call after a failed load threw \(describe(error)), and the loader ran \(loads == 1 ? "once" : "\(loads) times") in all; expected a second load that returns \"image 1\": a failure must not be cached, or one bad moment breaks that URL for good.")
        }
    }

    func test_errors_waitersShareTheFailureInsteadOfLoadingAgain() throws {
        let time = VirtualTime()
        let loader = ScriptedLoader(clock: time.clock, [1: [.fail("image server is down", after: .milliseconds(200))]])
        let cache = cache(loader)
        let outcome = time.run { await callers(10, of: testURL(1), cache: cache) }
        _ = try outcome.requireValue("10 callers")
        expect(loader.loads(of: testURL(1)) == 1 && outcome.elapsed == .milliseconds(200), "10 callers of one URL whose load fails at 0.2 s caused \(loader.loads(of: testURL(1))) load(s) and finished at \(outcome.elapsed.seconds) of virtual time; expected 1 load, all done at 0.2 s: every waiter gets that load\'s error instead of trying again on its own.")
    }

}
