import Foundation
import InterviewHarness
import InterviewKit
import Synchronization
import XCTest

/// `@MainActor` code runs inside virtual time: its jobs go to the main queue, which the
/// runner serves whenever its own executor is idle, before it moves the clock.
final class MainActorTimeTests: XCTestCase {
    override class func setUp() {
        super.setUp()
        VirtualTime.watchTests()
    }

    func testAMainActorHopInsideRunReturnsAtTheRightTime() {
        let time = VirtualTime()
        let clock = time.clock
        let outcome = time.run { () async throws -> (Int, Bool, Duration) in
            try await clock.sleep(for: .milliseconds(100))
            let (value, onMain) = await MainActor.run { (42, Thread.isMainThread) }
            let hoppedAt = clock.elapsed
            try await clock.sleep(for: .milliseconds(50))
            return (value, onMain, hoppedAt)
        }
        guard let (value, onMain, hoppedAt) = outcome.value else { return XCTFail("expected a value, got \(outcome.ending)") }
        XCTAssertEqual(value, 42)
        XCTAssertTrue(onMain, "MainActor.run ran its body off the main thread")
        XCTAssertEqual(hoppedAt, .milliseconds(100), "the hop must not move the clock")
        XCTAssertEqual(outcome.elapsed, .milliseconds(150))
        XCTAssertFalse(outcome.leftWorkRunning)
    }

    func testMainActorMethodsSleepOnTheTestClock() {
        let time = VirtualTime()
        let clock = time.clock
        // Made from the (synchronous, main-thread) test body, as a view-model suite would.
        let screen = MainActor.assumeIsolated { Screen(clock: clock) }
        let outcome = time.run { () async throws -> Int in
            try await screen.load(id: 1, taking: .milliseconds(300))
        }
        XCTAssertEqual(outcome.value, 1)
        XCTAssertEqual(outcome.elapsed, .milliseconds(300))
        let renders = MainActor.assumeIsolated { screen.renders }
        XCTAssertEqual(renders, ["loading 1 at 0.0 s", "loaded 1 at 0.3 s"])
        XCTAssertTrue(MainActor.assumeIsolated { screen.alwaysOnMainThread })
    }

    func testConcurrentMainActorCallsInterleaveInVirtualTime() {
        let time = VirtualTime()
        let clock = time.clock
        let screen = MainActor.assumeIsolated { Screen(clock: clock) }
        let outcome = time.run { @MainActor () async throws -> [Int] in
            async let first = screen.load(id: 1, taking: .milliseconds(300))
            try await clock.sleep(for: .milliseconds(100))
            let second = try await screen.load(id: 2, taking: .milliseconds(100))
            return [try await first, second]
        }
        XCTAssertEqual(outcome.value, [1, 2])
        XCTAssertEqual(outcome.elapsed, .milliseconds(300))
        let renders = MainActor.assumeIsolated { screen.renders }
        XCTAssertEqual(renders, ["loading 1 at 0.0 s", "loading 2 at 0.1 s", "loaded 2 at 0.2 s", "loaded 1 at 0.3 s"])
    }

    func testAMainActorTaskStartedFromTheTestBodyRunsInVirtualTime() {
        let time = VirtualTime()
        let clock = time.clock
        let screen = MainActor.assumeIsolated { Screen(clock: clock) }
        // A button tap: a synchronous main-actor method that starts the work in a Task.
        MainActor.assumeIsolated { screen.tap(id: 3, taking: .milliseconds(400)) }
        XCTAssertEqual(MainActor.assumeIsolated { screen.renders }, [], "nothing runs before run")
        let outcome = time.run { try await clock.sleep(until: TestClock.Instant(offset: .seconds(1))) }
        XCTAssertTrue(outcome.finished)
        XCTAssertEqual(MainActor.assumeIsolated { screen.renders }, ["loading 3 at 0.0 s", "loaded 3 at 0.4 s"])
    }

    func testSettleRunsMainActorWorkLeftBehind() {
        let time = VirtualTime()
        let clock = time.clock
        let screen = MainActor.assumeIsolated { Screen(clock: clock) }
        let outcome = time.run { () async -> Int in
            Task { @MainActor in _ = try? await screen.load(id: 7, taking: .seconds(1)) }
            return 0
        }
        XCTAssertEqual(outcome.elapsed, .zero)
        XCTAssertEqual(MainActor.assumeIsolated { screen.renders }, [], "nothing runs after run returns")
        time.settle()
        XCTAssertEqual(MainActor.assumeIsolated { screen.renders }, ["loading 7 at 0.0 s", "loaded 7 at 1.0 s"])
    }

    func testAMainActorWaitThatNeverEndsIsStuck() {
        let time = VirtualTime()
        let outcome = time.run { @MainActor () async -> Void in
            await withCheckedContinuation { (_: CheckedContinuation<Void, Never>) in }
        }
        guard case .stuck = outcome.ending else { return XCTFail("expected stuck, got \(outcome.ending)") }
    }

    func testAMainActorLoopThatNeverEndsRunsAway() {
        let time = VirtualTime()
        time.jobLimit = 10_000
        let outcome = time.run { @MainActor () async -> Void in
            while true { await Task.yield() }
        }
        guard case .ranAway = outcome.ending else { return XCTFail("expected ranAway, got \(outcome.ending)") }
    }
}

/// A main-actor screen whose loads sleep on the test clock, recording what it renders and when.
@MainActor private final class Screen {
    private let clock: TestClock
    private(set) var renders: [String] = []
    private(set) var alwaysOnMainThread = true

    init(clock: TestClock) { self.clock = clock }

    func load(id: Int, taking latency: Duration) async throws -> Int {
        render("loading \(id)")
        try await clock.sleep(for: latency)
        render("loaded \(id)")
        return id
    }

    func tap(id: Int, taking latency: Duration) {
        Task { _ = try? await load(id: id, taking: latency) }
    }

    private func render(_ text: String) {
        alwaysOnMainThread = alwaysOnMainThread && Thread.isMainThread
        renders.append("\(text) at \(clock.elapsed.seconds)")
    }
}
