import Foundation
import InterviewHarness
import InterviewKit
import Synchronization
import XCTest

final class JobTrackerTests: XCTestCase {
    func test_correctness_jobsStartAtOnceAndRunConcurrently() throws {
        let time = VirtualTime()
        let clock = time.clock
        let log = WorkLog<Int>(clock: clock)
        let tracker = JobTracker()
        let outcome = time.run { () async throws -> Int in
            for job in 1...5 {
                try await tracker.submit { try await log.perform(job, latency: .seconds(1)) {} }
            }
            try await clock.sleep(until: TestClock.Instant(offset: .milliseconds(500)))
            let running = await tracker.running
            _ = await tracker.shutdown()
            return running
        }
        let running = try outcome.requireValue("submitting 5 jobs of 1 s")
        let starts = log.calls.map(\.start)
        expect(starts.count == 5 && starts.allSatisfy { $0 == .zero }, "5 jobs submitted at 0 s started at \(list(starts)); expected all 5 to start at once, at 0 s: submit starts the job, it does not queue it for later.")
        expect(log.maxInFlight == 5, "at most \(log.maxInFlight) of the 5 jobs of 1 s ran at the same time; expected all 5 together: background jobs do not wait for each other.")
        expect(running == 5, "at 0.5 s, with 5 jobs of 1 s under way, running was \(running); expected 5.")
    }

    func test_correctness_runningCountsDownAsJobsFinish() throws {
        let time = VirtualTime()
        let clock = time.clock
        let tracker = JobTracker()
        let outcome = time.run { () async throws -> [Int] in
            for seconds in 1...3 {
                try await tracker.submit { try await clock.sleep(for: .seconds(seconds)) }
            }
            var counts: [Int] = []
            for millis in [500, 1500, 2500, 3500] {
                try await clock.sleep(until: TestClock.Instant(offset: .milliseconds(millis)))
                counts.append(await tracker.running)
            }
            _ = await tracker.shutdown()
            return counts
        }
        let counts = try outcome.requireValue("3 jobs of 1, 2 and 3 s")
        expect(counts == [3, 2, 1, 0], "with jobs of 1, 2 and 3 s submitted at 0 s, running was \(counts.map(String.init).joined(separator: ", ")) at 0.5, 1.5, 2.5 and 3.5 s; expected 3, 2, 1, 0: running counts the jobs started and not yet finished.")
    }

    func test_errors_everyJobErrorIsReturned() throws {
        let time = VirtualTime()
        let clock = time.clock
        let tracker = JobTracker()
        let outcome = time.run { () async throws -> [String] in
            for job in 1...5 {
                try await tracker.submit {
                    // Job 5 fails at 1.5 s, while shutdown() (called at 1 s) waits for it.
                    try await clock.sleep(for: job == 5 ? .milliseconds(1500) : .milliseconds(100 * job))
                    if job % 2 == 1 { throw FakeError("job \(job) failed") }
                }
            }
            try await clock.sleep(until: TestClock.Instant(offset: .seconds(1)))
            return await tracker.shutdown().map(describe)
        }
        let errors = try outcome.requireValue("shutdown() after 5 jobs, 3 of which failed")
        let expected = ["FakeError(job 1 failed)", "FakeError(job 3 failed)", "FakeError(job 5 failed)"]
        expect(errors.sorted() == expected, "jobs 1 and 3 of 5 threw before shutdown() was called at 1 s, and job 5 threw at 1.5 s while shutdown() waited for it; shutdown() returned \(errors.count) error(s)\(errors.isEmpty ? "" : ": " + errors.sorted().joined(separator: ", ")); expected those 3 errors, unchanged: a background job's error must reach someone instead of vanishing, also when it comes during shutdown.")
    }

    func test_errors_submitAfterShutdownThrows() throws {
        let time = VirtualTime()
        let clock = time.clock
        let tracker = JobTracker()
        let lateJobRan = Flag()
        let outcome = time.run { () async throws -> (during: String, after: String) in
            try await tracker.submit { try await clock.sleep(for: .seconds(2)) }
            let shutdown = Task(executorPreference: time.executor) { await tracker.shutdown() }
            try await clock.sleep(until: TestClock.Instant(offset: .seconds(1)))
            let during = await attemptSubmit(tracker) { lateJobRan.set() }
            _ = await shutdown.value
            let after = await attemptSubmit(tracker) { lateJobRan.set() }
            try await clock.sleep(until: TestClock.Instant(offset: .seconds(3)))
            return (during, after)
        }
        let result = try outcome.requireValue("submit during and after shutdown()")
        expect(result.during == "threw ShutdownError", "submit at 1 s, while shutdown() was waiting for a job of 2 s, \(result.during); expected it to throw ShutdownError: once shutdown has begun, no new job may start.")
        expect(result.after == "threw ShutdownError", "submit after shutdown() had returned \(result.after); expected it to throw ShutdownError.")
        expect(!lateJobRan.value, "a job submitted after shutdown() was called still ran; expected it never to start.")
    }

    func test_resources_shutdownWaitsForEveryJob() throws {
        let time = VirtualTime()
        let clock = time.clock
        let log = WorkLog<Int>(clock: clock, lane: "job")
        let tracker = JobTracker()
        let outcome = time.run { () async throws -> Int in
            for seconds in 1...3 {
                try await tracker.submit { try await log.perform(seconds, latency: .seconds(seconds)) {} }
            }
            try await clock.sleep(until: TestClock.Instant(offset: .milliseconds(500)))
            _ = await tracker.shutdown()
            return log.inFlight
        }
        let stillRunning = try outcome.requireValue("shutdown() called at 0.5 s with jobs of 1, 2 and 3 s")
        expect(stillRunning == 0 && outcome.elapsed == .seconds(3), "shutdown() was called at 0.5 s with jobs of 1, 2 and 3 s running; it returned at \(short(outcome.elapsed)) with \(stillRunning) job(s) still running; expected it to return at 3 s, when the last job finished, with none running: after shutdown nothing of ours may still be at work.")
    }

    func test_resources_finishedJobsLeaveNoHandles() throws {
        let time = VirtualTime()
        let clock = time.clock
        let tracker = JobTracker()
        let released = Counter()
        let outcome = time.run { () async throws -> Int in
            for job in 0..<1000 {
                let probe = Probe(released)
                try await tracker.submit {
                    probe.touch()
                    try await clock.sleep(for: .milliseconds(1 + job % 7))
                }
            }
            try await clock.sleep(until: TestClock.Instant(offset: .seconds(1)))
            return await tracker.running
        }
        let running = try outcome.requireValue("1000 jobs of a few milliseconds")
        let handles = taskHandles(in: tracker)
        let entries = collectionEntries(in: tracker)
        expect(running == 0, "after 1000 jobs of at most 7 ms had all finished (checked at 1 s), running was \(running); expected 0.")
        expect(handles == 0, "after 1000 jobs had all finished, the tracker still held \(handles) task handle(s); expected none: drop a job's handle when it finishes, or a tracker that lives as long as the service grows by one handle per job, forever.")
        expect(entries < 100, "after 1000 jobs had all finished without errors, the tracker's collections still held \(entries) entries; expected them to shrink back as jobs finish: state kept per finished job (handles, closures that wrap them, ids) grows forever in a long-lived tracker.")
        expect(released.value == 1000, "after 1000 jobs had all finished, \(1000 - released.value) of their closures (and everything they captured) were still kept alive by the tracker; expected all 1000 released.")
        _ = time.run { _ = await tracker.shutdown() }
    }
}

/// Submits `job` and tells whether submit returned or threw.
private func attemptSubmit(_ tracker: JobTracker, _ job: @escaping @Sendable () async throws -> Void) async -> String {
    do {
        try await tracker.submit(job)
        return "returned normally"
    } catch is ShutdownError {
        return "threw ShutdownError"
    } catch {
        return "threw \(describe(error))"
    }
}

/// Sums `measure` over every value reachable from `root`'s stored properties (arrays,
/// dictionaries, sets, optionals, tuples, structs and classes, each object once), the way a
/// heap inspector would. `measure` gives a value's count and whether to look inside it.
private func total(in root: Any, _ measure: @escaping (Any, Mirror) -> (count: Int, descend: Bool)) -> Int {
    var seen = Set<ObjectIdentifier>()
    func count(_ value: Any) -> Int {
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .class, !seen.insert(ObjectIdentifier(value as AnyObject)).inserted { return 0 }
        let (own, descend) = measure(value, mirror)
        guard descend else { return own }
        var sum = own
        var current: Mirror? = mirror
        while let level = current {
            for child in level.children { sum += count(child.value) }
            current = level.superclassMirror
        }
        return sum
    }
    return count(root)
}

/// The `Task` values reachable from `root`.
private func taskHandles(in root: Any) -> Int {
    total(in: root) { value, _ in
        String(reflecting: type(of: value)).hasPrefix("Swift.Task<") ? (1, false) : (0, true)
    }
}

/// The elements of the arrays, dictionaries and sets reachable from `root`: what a tracker
/// keeps, whatever the type of each entry (closures included).
private func collectionEntries(in root: Any) -> Int {
    total(in: root) { _, mirror in
        ([.collection, .dictionary, .set].contains(mirror.displayStyle) ? mirror.children.count : 0, true)
    }
}

/// Something a job captures, which tells when it is released.
private final class Probe: Sendable {
    private let released: Counter
    init(_ released: Counter) { self.released = released }
    func touch() {}
    deinit { released.increment() }
}

/// A count shared between jobs and the test.
private final class Counter: Sendable {
    private let state = Mutex(0)
    var value: Int { state.withLock { $0 } }
    func increment() { state.withLock { $0 += 1 } }
}

/// A flag a job can raise and the test can read.
private final class Flag: Sendable {
    private let state = Mutex(false)
    var value: Bool { state.withLock { $0 } }
    func set() { state.withLock { $0 = true } }
}

/// "1.5 s" for 1.5 s, "2 s" for 2 s.
private func short(_ duration: Duration) -> String {
    let millis = Int((duration.secondsValue * 1000).rounded())
    return (millis % 1000 == 0 ? "\(millis / 1000)" : String(format: "%g", Double(millis) / 1000)) + " s"
}

private func list(_ times: [Duration]) -> String {
    times.isEmpty ? "(none)" : times.map(short).joined(separator: ", ")
}
