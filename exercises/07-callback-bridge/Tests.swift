import Foundation
import InterviewHarness
import InterviewKit
import Synchronization
import XCTest

/// One lookup started on the fake table; records every `cancel()` with its virtual time.
private final class FakeRequest: LegacyRequest, Sendable {
    let key: String
    private let clock: TestClock
    private let state = Mutex<(cancels: [Duration], delivery: Task<Void, Never>?)>(([], nil))

    init(key: String, clock: TestClock) {
        self.key = key
        self.clock = clock
    }

    func cancel() {
        let delivery = state.withLock { state in
            state.cancels.append(clock.elapsed)
            return state.delivery
        }
        // Like many SDKs, a cancelled request never calls back.
        delivery?.cancel()
    }

    /// Hands over the task that will deliver the callback later, so `cancel()` can stop it.
    func attach(_ delivery: Task<Void, Never>) {
        let cancelled = state.withLock { state in
            state.delivery = delivery
            return !state.cancels.isEmpty
        }
        if cancelled { delivery.cancel() }
    }

    /// The virtual times at which `cancel()` was called.
    var cancels: [Duration] { state.withLock { $0.cancels } }
    var isCancelled: Bool { !cancels.isEmpty }
}

/// A callback-style table whose completion arrives the way the test chooses: later on the test
/// clock, before `getItem` returns, from another thread, or (like a known bad SDK) twice.
private final class FakeLegacyTable: LegacyTable, Sendable {
    enum Delivery: Sendable {
        /// From a task the fake starts, after `latency` of virtual time.
        case after(Duration, Item?, (any Error)?)
        /// Synchronously inside `getItem`, on the caller's thread, before it returns.
        case beforeReturn(Item?, (any Error)?)
        /// From another thread, before `getItem` returns (the thread is joined inside `getItem`).
        case fromAnotherThread(Item?, (any Error)?)
        /// Twice in a row inside `getItem`, on the caller's thread.
        case twiceOnOneThread(Item, Item)
        /// After `latency`, once from the fake's task and at once again from another thread.
        case twiceAcrossThreads(Duration, Item, Item)
    }

    private let clock: TestClock
    private let delivery: Delivery
    private let state = Mutex<(requests: [FakeRequest], callbacks: [Duration])>(([], []))

    init(clock: TestClock, delivery: Delivery) {
        self.clock = clock
        self.delivery = delivery
    }

    func getItem(_ key: String, completion: @escaping @Sendable (Item?, (any Error)?) -> Void) -> any LegacyRequest {
        let request = FakeRequest(key: key, clock: clock)
        state.withLock { $0.requests.append(request) }
        let clock = self.clock
        let call: @Sendable (Item?, (any Error)?) -> Void = { item, error in
            self.state.withLock { $0.callbacks.append(clock.elapsed) }
            completion(item, error)
        }
        switch delivery {
        case .after(let latency, let item, let error):
            request.attach(Task {
                do { try await clock.sleep(for: latency) } catch { return }
                if request.isCancelled { return }
                call(item, error)
            })
        case .beforeReturn(let item, let error):
            call(item, error)
        case .fromAnotherThread(let item, let error):
            onAnotherThread { call(item, error) }
        case .twiceOnOneThread(let first, let second):
            call(first, nil)
            call(second, nil)
        case .twiceAcrossThreads(let latency, let first, let second):
            request.attach(Task {
                do { try await clock.sleep(for: latency) } catch { return }
                call(first, nil)
                onAnotherThread { call(second, nil) }
            })
        }
        return request
    }

    /// Every lookup started, in order.
    var requests: [FakeRequest] { state.withLock { $0.requests } }
    /// The virtual times at which the completion was called.
    var callbacks: [Duration] { state.withLock { $0.callbacks } }
}

/// Runs `body` on a new thread and waits for it to end, so nothing calls back while the runner is idle.
private func onAnotherThread(_ body: @escaping @Sendable () -> Void) {
    let finished = DispatchSemaphore(value: 0)
    let thread = Thread {
        body()
        finished.signal()
    }
    thread.start()
    finished.wait()
}

private let answer = Item(key: "user:42", value: "Ada")

final class CallbackBridgeTests: XCTestCase {
    func test_correctness_returnsTheItem() throws {
        let time = VirtualTime()
        let table = FakeLegacyTable(clock: time.clock, delivery: .after(.milliseconds(120), answer, nil))
        let outcome = time.run { try await getItem("user:42", from: table) }
        let item = try outcome.requireValue("getItem(\"user:42\")")
        expect(item == answer, "getItem returned \(item); expected \(answer), the item the callback delivered.")
        expect(table.requests.map(\.key) == ["user:42"], "the table was asked for \(table.requests.map(\.key)); expected one lookup of \"user:42\".")
        expect(outcome.elapsed == .milliseconds(120), "getItem returned at \(outcome.elapsed.seconds) of virtual time; expected 0.12 s, the moment the callback arrived.")
    }

    func test_correctness_callbackBeforeGetItemReturns() throws {
        let time = VirtualTime()
        let table = FakeLegacyTable(clock: time.clock, delivery: .beforeReturn(answer, nil))
        let outcome = time.run { try await getItem("user:42", from: table) }
        let item = try outcome.requireValue("getItem with a callback that arrives before the table's getItem returns")
        expect(item == answer, "getItem returned \(item); expected \(answer). The callback came before the table's getItem had even returned (a cached answer): the code must be ready for it from the moment it starts the lookup.")
    }

    func test_correctness_callbackFromAnotherThread() throws {
        let time = VirtualTime()
        let table = FakeLegacyTable(clock: time.clock, delivery: .fromAnotherThread(answer, nil))
        let outcome = time.run { try await getItem("user:42", from: table) }
        let item = try outcome.requireValue("getItem with a callback on another thread")
        expect(item == answer, "getItem returned \(item); expected \(answer), delivered by the SDK on a thread of its own.")
    }

    func test_errors_callbackErrorThrownUnchanged() throws {
        let time = VirtualTime()
        let table = FakeLegacyTable(clock: time.clock, delivery: .after(.milliseconds(80), nil, FakeError("table is throttled")))
        let outcome = time.run { try await getItem("user:42", from: table) }
        let error = try outcome.requireError("getItem with a failing lookup")
        expect((error as? FakeError) == FakeError("table is throttled"), "getItem threw \(describe(error)); expected the SDK's own error, FakeError(table is throttled), unchanged, so the caller can tell throttling from a missing item.")
        expect(outcome.elapsed == .milliseconds(80), "getItem threw at \(outcome.elapsed.seconds) of virtual time; expected 0.08 s, when the callback arrived.")
    }

    func test_errors_neitherItemNorErrorMeansNotFound() throws {
        let time = VirtualTime()
        let table = FakeLegacyTable(clock: time.clock, delivery: .after(.milliseconds(60), nil, nil))
        let outcome = time.run { try await getItem("user:7", from: table) }
        let error = try outcome.requireError("getItem(\"user:7\") whose callback brings neither an item nor an error")
        expect((error as? NotFound) == NotFound(key: "user:7"), "the callback brought (nil, nil) and getItem threw \(describe(error)); expected NotFound(key: \"user:7\"): (nil, nil) is how this SDK says the key does not exist.")
    }

    func test_cancellation_cancelsTheLegacyRequest() throws {
        let time = VirtualTime()
        let table = FakeLegacyTable(clock: time.clock, delivery: .after(.milliseconds(500), answer, nil))
        _ = time.run(cancelAt: .milliseconds(100)) { try await getItem("user:42", from: table) }
        let cancels = table.requests.first?.cancels ?? []
        expect(cancels.first == .milliseconds(100), "the caller was cancelled at 0.1 s and the legacy request's cancel() was \(cancels.isEmpty ? "never called" : "first called at \(cancels[0].seconds)"); expected a call at 0.1 s, the moment the caller was cancelled: the SDK cannot see Swift cancellation, so the bridge must pass it on (withTaskCancellationHandler).")
    }

    func test_cancellation_throwsCancellationErrorAtOnce() throws {
        let time = VirtualTime()
        let table = FakeLegacyTable(clock: time.clock, delivery: .after(.milliseconds(500), answer, nil))
        let outcome = time.run(cancelAt: .milliseconds(100)) { try await getItem("user:42", from: table) }
        let error = try outcome.requireError("getItem cancelled at 0.1 s")
        expect(error is CancellationError, "getItem, cancelled at 0.1 s, threw \(describe(error)); expected CancellationError.")
        expect(outcome.elapsed == .milliseconds(100), "getItem was cancelled at 0.1 s but threw at \(outcome.elapsed.seconds) of virtual time; expected at once, at 0.1 s. A cancelled request of this SDK never calls back, so the bridge has to resume the continuation itself.")
    }

    func test_cancellation_callerAlreadyCancelled() throws {
        let time = VirtualTime()
        let table = FakeLegacyTable(clock: time.clock, delivery: .after(.milliseconds(300), answer, nil))
        let outcome = time.run {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await getItem("user:42", from: table)
        }
        let error = try outcome.requireError("getItem called from a task that was already cancelled")
        expect(error is CancellationError, "getItem, called from an already cancelled task, threw \(describe(error)) at \(outcome.elapsed.seconds) of virtual time; expected CancellationError at once.")
        let open = table.requests.filter { !$0.isCancelled }.count
        expect(open == 0, "getItem, called from an already cancelled task, left \(open) lookup(s) running on the table; expected none: either do not start the lookup or cancel it. withTaskCancellationHandler runs onCancel first when the task is already cancelled, before the lookup exists.")
    }

    // The double-callback tests come last: an unguarded continuation crashes the whole test
    // process on the second resume, and the tests after a crash do not run.

    func test_errors_doubleCallbackOnOneThreadFirstWins() throws {
        let time = VirtualTime()
        let second = Item(key: "user:42", value: "stale copy")
        let table = FakeLegacyTable(clock: time.clock, delivery: .twiceOnOneThread(answer, second))
        let outcome = time.run { try await getItem("user:42", from: table) }
        let item = try outcome.requireValue("getItem with a callback delivered twice")
        expect(item == answer, "the SDK called back twice in a row, first with \(answer), then with \(second); getItem returned \(item); expected the first one: the first callback wins and the second is ignored.")
    }

    func test_errors_doubleCallbackAcrossThreadsFirstWins() throws {
        let time = VirtualTime()
        let second = Item(key: "user:42", value: "stale copy")
        let table = FakeLegacyTable(clock: time.clock, delivery: .twiceAcrossThreads(.milliseconds(50), answer, second))
        let outcome = time.run { try await getItem("user:42", from: table) }
        let item = try outcome.requireValue("getItem with a callback delivered twice from two threads")
        expect(item == answer, "the SDK called back at 0.05 s with \(answer), then at once again from another thread with \(second); getItem returned \(item); expected the first one. Guard the continuation with a lock so exactly one callback can take it.")
        expect(table.callbacks.count == 2, "the fake called back \(table.callbacks.count) time(s); expected 2 (a test problem, not yours).")
    }
}
