import Foundation
@testable import InterviewHarness
import InterviewKit
import Synchronization
import XCTest

/// Tasks a test starts before `run` (in an initializer, say) are held on the virtual executor
/// and run in virtual time; the hook that catches them goes away when the test ends.
final class TasksBeforeRunTests: XCTestCase {
    override class func setUp() {
        super.setUp()
        VirtualTime.watchTests()
    }

    override func tearDown() {
        // XCTest runs its own tasks right after this: the hook must already be gone.
        XCTAssertFalse(GlobalEnqueueHook.isInstalled, "the hook outlived the test")
        super.tearDown()
    }

    func testATaskStartedInAnInitializerRunsInVirtualTime() {
        for round in 1...50 {
            let time = VirtualTime()
            let clock = time.clock
            let runner = StreamRunner(clock: clock)
            XCTAssertEqual(time.executor.pendingJobs, 1, "round \(round): the runner's task waits for run")
            XCTAssertEqual(runner.log, [], "round \(round): nothing runs before run")
            let outcome = time.run { () async -> Duration in
                for (id, millis) in [(1, 300), (2, 100), (3, 200)] { runner.submit(id: id, after: .milliseconds(millis)) }
                await runner.finish()
                return clock.elapsed
            }
            guard outcome.finished else { return XCTFail("round \(round): \(outcome.unfinishedMessage("the runner"))") }
            XCTAssertEqual(outcome.value, .milliseconds(300), "round \(round)")
            XCTAssertEqual(runner.log, ["2 at 0.1 s", "3 at 0.2 s", "1 at 0.3 s"], "round \(round)")
            XCTAssertFalse(outcome.leftWorkRunning, "round \(round)")
        }
    }

    func testTheHookStaysForTheWholeTest() {
        let time = VirtualTime()
        XCTAssertTrue(GlobalEnqueueHook.isInstalled, "installed as soon as the timeline exists")
        _ = time.run { 0 }
        XCTAssertTrue(GlobalEnqueueHook.isInstalled, "kept between runs of one test")
        let started = Task { 1 }
        XCTAssertEqual(time.run { await started.value }.value, 1, "a task started between runs runs in the next")
    }
}

/// One long-lived runner task, started in `init`, running the jobs a stream feeds it in a
/// discarding task group: the design a job tracker or a worker pool is built on.
private final class StreamRunner: Sendable {
    private let clock: TestClock
    private let jobs: AsyncStream<@Sendable () async -> Void>.Continuation
    private let runner: Task<Void, Never>
    private let entries = Mutex<[String]>([])

    var log: [String] { entries.withLock { $0 } }

    init(clock: TestClock) {
        self.clock = clock
        let (stream, jobs) = AsyncStream.makeStream(of: (@Sendable () async -> Void).self)
        self.jobs = jobs
        runner = Task {
            await withDiscardingTaskGroup { group in
                for await job in stream { group.addTask { await job() } }
            }
        }
    }

    func submit(id: Int, after latency: Duration) {
        jobs.yield { [self] in
            try? await clock.sleep(for: latency)
            entries.withLock { $0.append("\(id) at \(clock.elapsed.seconds)") }
        }
    }

    func finish() async {
        jobs.finish()
        await runner.value
    }
}
