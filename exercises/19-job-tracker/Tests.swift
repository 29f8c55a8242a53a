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

    func test_correctness_runningCountsAJobFromSubmit() throws {
        let time = VirtualTime()
        let clock = time.clock
        let tracker = JobTracker()
        let outcome = time.run { () async throws -> [Int] in
            var counts: [Int] = []
            for _ in 1...3 {
                try await tracker.submit { try await clock.sleep(for: .seconds(1)) }
                counts.append(await tracker.running)
            }
            _ = await tracker.shutdown()
            return counts
        }
        let counts = try outcome.requireValue("3 jobs of 1 s")
        expect(counts == [1, 2, 3], "read straight after each of 3 calls of submit had returned (at 0 s, jobs of 1 s), running was \(counts.map(String.init).joined(separator: ", ")); expected 1, 2, 3: a job counts as running from the moment submit returns, not from when its task first gets to run.")
    }

    func test_resources_shutdownRightAfterSubmitWaitsForTheJob() throws {
        let time = VirtualTime()
        let clock = time.clock
        let log = WorkLog<Int>(clock: clock)
        let tracker = JobTracker()
        let outcome = time.run { () async throws -> (started: Int, inFlight: Int) in
            try await tracker.submit { try await log.perform(1, latency: .seconds(1)) {} }
            _ = await tracker.shutdown()
            return (log.calls.count, log.inFlight)
        }
        let atReturn = try outcome.requireValue("shutdown() called straight after submit")
        time.settle()
        let state: String
        if atReturn.inFlight > 0 {
            state = "still running"
        } else if atReturn.started == 0 {
            state = log.calls.isEmpty ? "never started" : "not yet started (it started after shutdown() had returned)"
        } else {
            state = "finished"
        }
        expect(outcome.elapsed == .seconds(1) && atReturn.inFlight == 0 && atReturn.started == 1, "shutdown() was called straight after submit had returned, at 0 s, for a job of 1 s; it returned at \(short(outcome.elapsed)) with that job \(state); expected it to return at 1 s, once the job had finished: a job counts from the moment submit returns, so shutdown() must wait for it even if its task has not run yet.")
    }

    func test_resources_finishedJobsLeaveNoHandles() throws {
        try checkNothingKeptPerFinishedJob(failing: false)
    }

    func test_resources_failedJobsLeaveNoHandles() throws {
        try checkNothingKeptPerFinishedJob(failing: true)
    }

    /// Runs 10 jobs, then 990 more, all finishing within milliseconds (and all throwing, when
    /// `failing`), and checks that the tracker holds no more after the 1000 than after the
    /// first 10: what it keeps per finished job, not what it keeps anyway (a runner task, say).
    private func checkNothingKeptPerFinishedJob(failing: Bool) throws {
        let time = VirtualTime()
        let clock = time.clock
        let tracker = JobTracker()
        let released = Counter()
        let jobs = failing ? "jobs that all threw" : "jobs"
        _ = try time.run {
            try await submitShortJobs(0..<10, to: tracker, clock: clock, released: released, failing: failing, thenWaitUntil: .milliseconds(100))
        }.requireValue("10 short \(jobs)")
        let early = Holdings(of: tracker)
        let running = try time.run {
            try await submitShortJobs(10..<1000, to: tracker, clock: clock, released: released, failing: failing, thenWaitUntil: .seconds(1))
        }.requireValue("990 more short \(jobs)")
        let late = Holdings(of: tracker)
        let scene = "after 1000 jobs of at most 7 ms\(failing ? ", each ending by throwing," : "") had all finished (checked at 1 s)"
        expect(running == 0, "\(scene), running was \(running); expected 0\(failing ? ": a job that throws has finished too" : "").")
        let extraHandles = late.handles - early.handles
        let perJob = extraHandles == 990 ? "one more for every further finished job" : "\(extraHandles) more"
        expect(extraHandles <= 0, "\(scene), the tracker held \(late.handles) task handle(s), against \(early.handles) after the first 10 had finished: \(perJob); expected no more: drop a job's handle when it finishes\(failing ? ", also when it throws" : ""), or a tracker that lives as long as the service keeps growing.")
        let extraEntries = late.entries - early.entries
        // Handles already counted above are not reported twice.
        expect(extraHandles > 0 || extraEntries < 100, "\(scene), the tracker's collections held \(late.entries) entries (errors not counted), against \(early.entries) after the first 10 had finished: \(extraEntries) more for 990 more finished jobs; expected them to stay about the same: state kept per finished job (handles, closures that wrap them, ids) grows without end in a long-lived tracker.")
        expect(released.value == 1000, "\(scene), \(1000 - released.value) of their closures (and everything they captured) were still kept alive by the tracker; expected all 1000 released.")
        _ = time.run { _ = await tracker.shutdown() }
    }
}

/// Submits a job for each of `ids` (1 to 7 ms long, capturing a probe that tells when the
/// closure is released, throwing at the end when `failing`), then sleeps until `deadline`
/// and returns `running`.
private func submitShortJobs(
    _ ids: Range<Int>, to tracker: JobTracker, clock: TestClock, released: Counter, failing: Bool,
    thenWaitUntil deadline: Duration
) async throws -> Int {
    for job in ids {
        let probe = Probe(released)
        try await tracker.submit {
            probe.touch()
            try await clock.sleep(for: .milliseconds(1 + job % 7))
            if failing { throw FakeError("job \(job) failed") }
        }
    }
    try await clock.sleep(until: TestClock.Instant(offset: deadline))
    return await tracker.running
}

/// What a tracker holds at one moment: task handles, and entries of its collections other
/// than errors (which it must keep until shutdown).
private struct Holdings {
    let handles: Int
    let entries: Int

    init(of tracker: JobTracker) {
        handles = taskHandles(in: tracker)
        entries = collectionEntries(in: tracker)
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

/// The elements of the arrays, dictionaries and sets reachable from `root`, errors left out:
/// what a tracker keeps, whatever the type of each entry (closures included).
private func collectionEntries(in root: Any) -> Int {
    total(in: root) { _, mirror in
        guard [.collection, .dictionary, .set].contains(mirror.displayStyle) else { return (0, true) }
        return (mirror.children.filter { !holdsError($0.value) }.count, true)
    }
}

/// Whether `entry` is an error, or a dictionary entry whose value is one.
private func holdsError(_ entry: Any) -> Bool {
    if entry is any Error { return true }
    let parts = Mirror(reflecting: entry)
    return parts.displayStyle == .tuple && parts.children.count == 2 && parts.children.dropFirst().first.map { $0.value is any Error } == true
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
