import Foundation
import InterviewHarness
import InterviewKit
import Synchronization
import XCTest

final class RateLimiterTests: XCTestCase {
    func test_correctness_tenCallsAtThreePerSecond() throws {
        let time = VirtualTime()
        let clock = time.clock
        let given = GivenClock(clock)
        let limiter = RateLimiter(permits: 3, per: .seconds(1), clock: given)
        let outcome = time.run { try await acquireTogether(10, limiter, clock) }
        let times = try outcome.requireValue("10 calls of acquire() made together").sorted()
        let expected = seconds([0, 0, 0, 1, 1, 1, 2, 2, 2, 3])
        expect(times == expected, "10 calls made together at 3 per second completed at \(list(times)); expected 0, 0, 0, 1, 1, 1, 2, 2, 2, 3 s: three at once, then three more each time the earlier ones are a full second old.\(violation(times, permits: 3, per: .seconds(1)))\(given.unusedNote)")
    }

    func test_correctness_tenCallsInARowFromOneCaller() throws {
        let time = VirtualTime()
        let clock = time.clock
        let given = GivenClock(clock)
        let limiter = RateLimiter(permits: 3, per: .seconds(1), clock: given)
        let outcome = time.run { () async throws -> [Duration] in
            var times: [Duration] = []
            for _ in 0..<10 {
                try await limiter.acquire()
                times.append(clock.elapsed)
            }
            return times
        }
        let times = try outcome.requireValue("10 calls of acquire() one after another")
        let expected = seconds([0, 0, 0, 1, 1, 1, 2, 2, 2, 3])
        expect(times == expected, "one caller calling acquire() 10 times in a row at 3 per second got through at \(list(times)); expected 0, 0, 0, 1, 1, 1, 2, 2, 2, 3 s.\(violation(times, permits: 3, per: .seconds(1)))\(given.unusedNote)")
    }

    func test_correctness_windowSlidesWithEachGrant() throws {
        let time = VirtualTime()
        let clock = time.clock
        let given = GivenClock(clock)
        let limiter = RateLimiter(permits: 2, per: .seconds(1), clock: given)
        let arrivals = [("A", 0), ("B", 500), ("C", 600), ("D", 1100)].map { ($0.0, Duration.milliseconds($0.1)) }
        let outcome = time.run { try await arrive(arrivals, limiter, clock) }
        let done = try outcome.requireValue("4 callers arriving at 0, 0.5, 0.6 and 1.1 s")
        let times = arrivals.map { done[$0.0] ?? .zero }
        let expected: [Duration] = [.zero, .milliseconds(500), .seconds(1), .milliseconds(1500)]
        expect(times == expected, "at 2 per second, callers arriving at 0, 0.5, 0.6 and 1.1 s completed at \(list(times)); expected 0, 0.5, 1, 1.5 s: the window slides with each grant, so C waits until A's grant is a second old (1 s) and D until B's is (1.5 s).\(violation(times.sorted(), permits: 2, per: .seconds(1)))\(given.unusedNote)")
    }

    func test_correctness_burstAfterQuietPeriodIsImmediate() throws {
        let time = VirtualTime()
        let clock = time.clock
        let given = GivenClock(clock)
        let limiter = RateLimiter(permits: 3, per: .seconds(1), clock: given)
        let outcome = time.run { () async throws -> [Duration] in
            let first = try await acquireTogether(3, limiter, clock)
            try await clock.sleep(until: TestClock.Instant(offset: .seconds(5)))
            let second = try await acquireTogether(3, limiter, clock)
            return (first + second).sorted()
        }
        let times = try outcome.requireValue("two bursts of 3 calls, at 0 s and at 5 s")
        let expected = seconds([0, 0, 0, 5, 5, 5])
        expect(times == expected, "at 3 per second, a burst of 3 calls at 0 s and another at 5 s completed at \(list(times)); expected 0, 0, 0, 5, 5, 5 s: after a quiet period the window is empty, so a new burst goes through at once.\(given.unusedNote)")
    }

    func test_concurrency_waitersServedInArrivalOrder() throws {
        let time = VirtualTime()
        let clock = time.clock
        let given = GivenClock(clock)
        let limiter = RateLimiter(permits: 1, per: .seconds(1), clock: given)
        let arrivals = [("A", 0), ("B", 100), ("C", 200), ("D", 300)].map { ($0.0, Duration.milliseconds($0.1)) }
        let outcome = time.run { try await arrive(arrivals, limiter, clock) }
        let done = try outcome.requireValue("4 callers arriving 0.1 s apart")
        let order = done.sorted { $0.value == $1.value ? $0.key < $1.key : $0.value < $1.value }.map(\.key)
        expect(order == ["A", "B", "C", "D"], "at 1 per second, callers A, B, C, D arrived at 0, 0.1, 0.2 and 0.3 s and were served in the order \(order.joined(separator: ", ")) (\(order.map { "\($0) at \(short(done[$0]!))" }.joined(separator: ", "))); expected A, B, C, D: first come, first served, so nobody waits forever behind newer callers.")
    }

    func test_concurrency_newcomerDoesNotJumpTheQueue() throws {
        let time = VirtualTime()
        let clock = time.clock
        let given = GivenClock(clock)
        let limiter = RateLimiter(permits: 1, per: .seconds(1), clock: given)
        let arrivals = [("A", 0), ("B", 500), ("C", 1000)].map { ($0.0, Duration.milliseconds($0.1)) }
        let outcome = time.run { try await arrive(arrivals, limiter, clock) }
        let done = try outcome.requireValue("3 callers arriving at 0, 0.5 and 1 s")
        let b = done["B"] ?? .zero, c = done["C"] ?? .zero
        expect(b < c, "at 1 per second, B arrived at 0.5 s and had to wait; C arrived at exactly 1 s, the moment the permit freed. B completed at \(short(b)) and C at \(short(c)); expected B before C: the freed permit belongs to the caller already waiting, not to the newcomer who happens to arrive at that moment.")
    }

    func test_cancellation_cancelledWaiterThrowsAndTakesNoPermit() throws {
        let control = cancellationScenario(withCancelledWaiter: false)
        let scenario = cancellationScenario(withCancelledWaiter: true)
        let run = try scenario.requireValue("callers A, B, C with B cancelled at 0.5 s")
        let plain = try control.requireValue("callers A and C alone")
        if let b = run.b {
            expect(b.error is CancellationError, "B was cancelled at 0.5 s while waiting for a permit; acquire() \(b.error.map { "threw \(describe($0))" } ?? "returned normally"); expected it to throw CancellationError.")
            expect(b.at == .milliseconds(500), "B was cancelled at 0.5 s while waiting, but its acquire() only ended at \(short(b.at)); expected it to end at once, at 0.5 s: a cancelled waiter should not keep waiting for a permit it no longer wants.")
        }
        expect(run.c == plain.c, "with B cancelled while waiting, C got through at \(short(run.c)); without B at all, C gets through at \(short(plain.c)). Expected the same time: a cancelled waiter must take no permit and give up its place in line.")
    }

    func test_cancellation_alreadyCancelledCallerTakesNoPermit() throws {
        let control = alreadyCancelledScenario(withCancelledCaller: false)
        let scenario = alreadyCancelledScenario(withCancelledCaller: true)
        let plain = try control.requireValue("a caller on an idle limiter")
        let run = try scenario.requireValue("a caller after an already-cancelled caller")
        expect(run.result == "threw CancellationError", "acquire() called from a task that was already cancelled \(run.result ?? "did not run"); expected it to throw CancellationError at once.")
        expect(run.at == plain.at, "after an already-cancelled caller, the next caller on a 1-per-second limiter got through at \(short(run.at)); without the cancelled caller it gets through at \(short(plain.at)). Expected the same time: the cancelled call must not use up a permit.")
    }

    func test_resources_sleepsOnlyUntilTheNextPermit() throws {
        let time = VirtualTime()
        let clock = time.clock
        let given = GivenClock(clock)
        let limiter = RateLimiter(permits: 2, per: .seconds(10), clock: given)
        let outcome = time.run { try await acquireTogether(6, limiter, clock) }
        try outcome.requireFinished("6 calls of acquire() at 2 per 10 s")
        let sleeps = clock.sleepCount
        expect(sleeps <= 6, "6 calls at 2 per 10 s (4 of them had to wait, the last one 20 s) made \(sleeps) sleep calls on the clock; expected at most 6, about one per wait: sleep until the moment the oldest grant leaves the window instead of waking up again and again to check.")
    }

    func test_cancellation_parkedWaiterThrowsAtOnce() throws {
        let time = VirtualTime()
        let clock = time.clock
        let given = GivenClock(clock)
        let limiter = RateLimiter(permits: 1, per: .seconds(1), clock: given)
        let outcome = time.run { () async throws -> (String, Duration) in
            try await limiter.acquire()  // A takes the permit at 0 s.
            // B is first in line and sleeps until the permit frees at 1 s.
            let first = Task(executorPreference: time.executor) { try? await limiter.acquire() }
            try await clock.sleep(until: TestClock.Instant(offset: .milliseconds(100)))
            // C waits behind B, and is cancelled at 0.3 s.
            let parked = Task(executorPreference: time.executor) { () async -> (String, Duration) in
                do {
                    try await limiter.acquire()
                    return ("returned", clock.elapsed)
                } catch {
                    return (describe(error), clock.elapsed)
                }
            }
            try await clock.sleep(until: TestClock.Instant(offset: .milliseconds(300)))
            parked.cancel()
            let result = await parked.value
            _ = await first.value
            return result
        }
        let (result, at) = try outcome.requireValue("parked waiter cancelled")
        expect(result == "CancellationError" && at == .milliseconds(300), "caller C, waiting behind B for the next permit, was cancelled at 0.3 s and \(result == "returned" ? "got a permit" : "threw " + result) at \(at.seconds); expected CancellationError at 0.3 s: every waiting caller, not only the first in line, sees cancellation straight away.")
    }

}

/// What happened to the cancelled caller B, and when C got through.
private struct CancelRun: Sendable {
    var b: (error: (any Error)?, at: Duration)?
    var c: Duration
}

/// At 1 per second: A arrives at 0 s, B (optionally) at 0.1 s and is cancelled at 0.5 s, C arrives at 0.2 s.
private func cancellationScenario(withCancelledWaiter: Bool) -> RunOutcome<CancelRun> {
    let time = VirtualTime()
    let clock = time.clock
    let given = GivenClock(clock)
    let limiter = RateLimiter(permits: 1, per: .seconds(1), clock: given)
    let outcome = time.run { () async throws -> CancelRun in
        async let a = arrive([("A", .zero)], limiter, clock)
        let b = withCancelledWaiter ? Task(executorPreference: time.executor) { () async -> ((any Error)?, Duration) in
            try? await clock.sleep(until: TestClock.Instant(offset: .milliseconds(100)))
            do {
                try await limiter.acquire()
                return (nil, clock.elapsed)
            } catch {
                return (error, clock.elapsed)
            }
        } : nil
        async let c = arrive([("C", .milliseconds(200))], limiter, clock)
        try await clock.sleep(until: TestClock.Instant(offset: .milliseconds(500)))
        b?.cancel()
        let bResult = await b?.value
        _ = try await a
        let cDone = try await c
        return CancelRun(b: bResult.map { (error: $0.0, at: $0.1) }, c: cDone["C"] ?? .zero)
    }
    return outcome
}

/// On an idle 1-per-second limiter: a caller whose task is already cancelled (optionally), then a plain caller.
private func alreadyCancelledScenario(withCancelledCaller: Bool) -> RunOutcome<(result: String?, at: Duration)> {
    let time = VirtualTime()
    let clock = time.clock
    let given = GivenClock(clock)
    let limiter = RateLimiter(permits: 1, per: .seconds(1), clock: given)
    return time.run { () async throws -> (result: String?, at: Duration) in
        var result: String?
        if withCancelledCaller {
            let cancelled = Task(executorPreference: time.executor) { () async -> String in
                // Parked until cancelled, so the task is cancelled when it calls acquire().
                try? await clock.sleep(until: TestClock.Instant(offset: .seconds(1_000_000)))
                do {
                    try await limiter.acquire()
                    return "returned normally"
                } catch {
                    return "threw \(describe(error))"
                }
            }
            cancelled.cancel()
            result = await cancelled.value
        }
        try await limiter.acquire()
        return (result, clock.elapsed)
    }
}

/// Calls `acquire()` from `count` child tasks started together; returns when each call returned.
private func acquireTogether(_ count: Int, _ limiter: RateLimiter<GivenClock>, _ clock: TestClock) async throws -> [Duration] {
    try await withThrowingTaskGroup(of: Duration.self) { group in
        for _ in 0..<count {
            group.addTask {
                try await limiter.acquire()
                return clock.elapsed
            }
        }
        var times: [Duration] = []
        for try await time in group { times.append(time) }
        return times
    }
}

/// Each named caller waits until its arrival time, calls `acquire()`, and reports when it returned.
private func arrive(_ arrivals: [(String, Duration)], _ limiter: RateLimiter<GivenClock>, _ clock: TestClock) async throws -> [String: Duration] {
    try await withThrowingTaskGroup(of: (String, Duration).self) { group in
        for (name, at) in arrivals {
            group.addTask {
                if at > .zero { try await clock.sleep(until: TestClock.Instant(offset: at)) }
                try await limiter.acquire()
                return (name, clock.elapsed)
            }
        }
        var done: [String: Duration] = [:]
        for try await (name, at) in group { done[name] = at }
        return done
    }
}

private func seconds(_ values: [Int]) -> [Duration] { values.map { .seconds($0) } }

/// "1.5" for 1.5 s, "2" for 2 s, "0.333" for a third.
private func number(_ duration: Duration) -> String {
    let millis = Int((duration.secondsValue * 1000).rounded())
    return millis % 1000 == 0 ? "\(millis / 1000)" : String(format: "%g", Double(millis) / 1000)
}

private func short(_ duration: Duration) -> String { "\(number(duration)) s" }

private func list(_ times: [Duration]) -> String { times.map(number).joined(separator: ", ") + " s" }

/// Names the first window of length `interval` holding more than `permits` completions, if any.
private func violation(_ sorted: [Duration], permits: Int, per interval: Duration) -> String {
    guard sorted.count > permits else { return "" }
    for start in 0..<(sorted.count - permits) where sorted[start + permits] - sorted[start] < interval {
        return " Completions \(start + 1) to \(start + permits + 1) (at \(short(sorted[start])) and \(short(sorted[start + permits]))) are less than \(short(interval)) apart: \(permits + 1) calls in one window, more than \(permits)."
    }
    return ""
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
