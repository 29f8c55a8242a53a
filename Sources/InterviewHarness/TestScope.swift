import Synchronization
import XCTest

/// Knows which XCTest test is running, so the global-enqueue hook lives exactly as long as it.
///
/// XCTest itself runs Swift tasks after each test (its async `tearDown`) and waits for them:
/// the hook must be gone by then. A teardown block added to the running test removes it
/// before that; the start and the end of every test remove it too.
final class TestScope: NSObject, XCTestObservation {
    private struct State {
        var watching = false
        var current: RunningTest?
        var removalAdded = false
    }

    /// The running test, handed across the lock (XCTest calls observers on the test's thread).
    private final class RunningTest: @unchecked Sendable {
        weak var test: XCTestCase?
        init(_ test: XCTestCase) { self.test = test }
    }

    private static let state = Mutex(State())

    /// Starts watching tests, once per process. Tests that started earlier stay unknown.
    static func watch() {
        let first = state.withLock { state -> Bool in
            defer { state.watching = true }
            return !state.watching
        }
        if first { XCTestObservationCenter.shared.addTestObserver(TestScope()) }
    }

    /// Makes sure the hook is removed when the running test ends, before XCTest's own
    /// teardown; returns false when no running test is known (it started before `watch()`).
    static func removeHookAtEndOfTest() -> Bool {
        let (running, known) = state.withLock { state -> (RunningTest?, Bool) in
            guard let current = state.current else { return (nil, false) }
            defer { state.removalAdded = true }
            return (state.removalAdded ? nil : current, true)
        }
        running?.test?.addTeardownBlock { GlobalEnqueueHook.uninstall() }
        return known
    }

    func testCaseWillStart(_ testCase: XCTestCase) {
        GlobalEnqueueHook.uninstall()
        let running = RunningTest(testCase)
        Self.state.withLock { $0.current = running; $0.removalAdded = false }
    }

    func testCaseDidFinish(_ testCase: XCTestCase) {
        GlobalEnqueueHook.uninstall()
        Self.state.withLock { $0.current = nil; $0.removalAdded = false }
    }
}
