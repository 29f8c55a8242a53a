import Foundation
import InterviewHarness
import InterviewKit
import XCTest

/// The virtual-time runner tells parallel from sequential, finds stuck runs and leaked work.
final class VirtualTimeTests: XCTestCase {
    override class func setUp() {
        super.setUp()
        VirtualTime.watchTests()
    }

    private func client(_ time: VirtualTime, count: Int, latency: Duration = .milliseconds(100)) -> FakeHTTPClient {
        FakeHTTPClient(clock: time.clock, numbered: Dictionary(uniqueKeysWithValues: (1...count).map { ($0, .ok("b\($0)", after: latency)) }))
    }

    func testConcurrentFetchesFinishInOneLatency() throws {
        let time = VirtualTime()
        let client = client(time, count: 3)
        let outcome = time.run {
            try await withThrowingTaskGroup(of: Data.self) { group in
                for n in 1...3 { group.addTask { try await client.get(testURL(n)) } }
                return try await group.reduce(into: 0) { count, _ in count += 1 }
            }
        }
        XCTAssertEqual(outcome.value, 3)
        XCTAssertEqual(outcome.elapsed, .milliseconds(100))
        XCTAssertEqual(client.maxInFlight, 3)
        XCTAssertFalse(outcome.leftWorkRunning)
    }

    func testSequentialFetchesAddUp() throws {
        let time = VirtualTime()
        let client = client(time, count: 3)
        let outcome = time.run {
            for n in 1...3 { _ = try await client.get(testURL(n)) }
        }
        XCTAssertTrue(outcome.finished)
        XCTAssertEqual(outcome.elapsed, .milliseconds(300))
        XCTAssertEqual(client.maxInFlight, 1)
    }

    func testAContinuationNeverResumedIsStuck() {
        let time = VirtualTime()
        let outcome = time.run {
            await withCheckedContinuation { (_: CheckedContinuation<Void, Never>) in }
        }
        guard case .stuck = outcome.ending else { return XCTFail("expected stuck, got \(outcome.ending)") }
    }

    func testUnstructuredTasksLeftBehindAreSeen() {
        let time = VirtualTime()
        let client = client(time, count: 2)
        let outcome = time.run {
            Task { _ = try await client.get(testURL(1)) }
            return 0
        }
        XCTAssertTrue(outcome.leftWorkRunning, "an unstarted Task should be pending at return")
        time.settle()
        XCTAssertEqual(client.calls.count, 1, "settle runs the leaked task")
    }

    func testCancellingTheRootCancelsASleeper() {
        let time = VirtualTime()
        let outcome = time.run(cancelAt: .milliseconds(250)) {
            try await time.clock.sleep(for: .seconds(10))
        }
        XCTAssertTrue(outcome.error is CancellationError)
        XCTAssertEqual(outcome.elapsed, .milliseconds(250))
        XCTAssertEqual(time.clock.sleeperCount, 0)
    }

    func testSleepersWakeInDeadlineOrder() {
        let time = VirtualTime()
        let outcome = time.run {
            try await withThrowingTaskGroup(of: Int.self) { group in
                for delay in [300, 100, 200] {
                    group.addTask {
                        try await time.clock.sleep(for: .milliseconds(delay))
                        return delay
                    }
                }
                var order: [Int] = []
                for try await delay in group { order.append(delay) }
                return order
            }
        }
        XCTAssertEqual(outcome.value, [100, 200, 300])
    }

    func testARunawayLoopIsStopped() {
        let time = VirtualTime()
        time.virtualTimeLimit = .seconds(5)
        let outcome = time.run {
            while true { try await time.clock.sleep(for: .milliseconds(10)) }
        }
        guard case .ranAway = outcome.ending else { return XCTFail("expected ranAway, got \(outcome.ending)") }
    }

    func testTheGlobalHookIsFoundOnThisRuntime() {
        XCTAssertTrue(VirtualTime.catchesUnstructuredTasks)
    }
}
