import Foundation
import InterviewHarness
import InterviewKit
import Synchronization
import XCTest

/// One call of a completion handler, as the suite saw it.
private struct Callback: Sendable {
    let item: Item?
    let error: (any Error)?
    /// The virtual time of the call.
    let at: Duration
    /// Whether `getItem` had already returned its request when the completion ran.
    let afterGetItemReturned: Bool

    /// The call as a learner would write it: "(item, nil)", "(nil, NotFound)".
    var text: String {
        if let item { return error.map { "(\(item.value), \(describe($0)))" } ?? "(\(item.value), nil)" }
        return error.map { "(nil, \(describe($0)))" } ?? "(nil, nil)"
    }

    /// The shape of the call, without the item's value: "(item, nil)", "(nil, CancellationError)".
    var kind: String {
        (item == nil ? "(nil, " : "(item, ") + (error.map(describe) ?? "nil") + ")"
    }

    var isCancellation: Bool { item == nil && error is CancellationError }
}

/// Every completion the facade calls, by lookup, with its virtual time.
private final class Callbacks: Sendable {
    private struct State {
        var calls: [String: [Callback]] = [:]
        var returned: Set<String> = []
    }

    private let clock: TestClock
    private let state = Mutex(State())

    init(_ time: VirtualTime) { clock = time.clock }

    /// Starts a lookup of `key` on `facade` with a recording completion.
    func start(_ facade: TableFacade, _ key: String) -> any LegacyRequest {
        let request = facade.getItem(key) { item, error in self.record(key, item, error) }
        state.withLock { _ = $0.returned.insert(key) }
        return request
    }

    private func record(_ key: String, _ item: Item?, _ error: (any Error)?) {
        let at = clock.elapsed
        state.withLock { state in
            let call = Callback(item: item, error: error, at: at, afterGetItemReturned: state.returned.contains(key))
            state.calls[key, default: []].append(call)
        }
    }

    /// The completions of the lookup of `key`, in order.
    func calls(_ key: String) -> [Callback] { state.withLock { $0.calls[key] ?? [] } }
}

/// An item store in virtual time. It answers each key with its item (`Item(key:value:)`, value
/// "value of KEY"), nil for keys in `missing`, or fails with `failure`.
private final class FakeItemStore: ItemStore, Sendable {
    enum Behaviour: Sendable {
        /// Answers after the latency; cancellation ends the call at once.
        case answers(after: Duration)
        /// Answers after the latency whatever happens to the calling task.
        case ignoresCancellation(after: Duration)
        /// Answers without suspending at all.
        case instant
        /// Answers when the test calls `answer(_:)`; cancellation ends the call at once.
        case held
    }

    private struct Held {
        var waiting: [String: CheckedContinuation<Item?, any Error>] = [:]
        var cancelledEarly: Set<String> = []
    }

    let log: WorkLog<String>
    private let clock: TestClock
    private let behaviour: Behaviour
    private let missing: Set<String>
    private let failure: FakeError?
    private let held = Mutex(Held())
    private let instantCalls = Mutex(0)

    init(_ time: VirtualTime, _ behaviour: Behaviour, missing: Set<String> = [], failure: FakeError? = nil) {
        self.log = WorkLog(clock: time.clock)
        self.clock = time.clock
        self.behaviour = behaviour
        self.missing = missing
        self.failure = failure
    }

    static func item(for key: String) -> Item { Item(key: key, value: "value of \(key)") }

    private func answer(for key: String) throws -> Item? {
        if let failure { throw failure }
        return missing.contains(key) ? nil : Self.item(for: key)
    }

    func item(_ key: String) async throws -> Item? {
        switch behaviour {
        case .answers(let latency):
            return try await log.perform(key, latency: latency) { try answer(for: key) }
        case .ignoresCancellation(let latency):
            return try await log.record(key) {
                // A task of its own: cancelling the caller does not reach this sleep.
                let clock = self.clock
                await Task { try? await clock.sleep(for: latency) }.value
                return try answer(for: key)
            }
        case .instant:
            instantCalls.withLock { $0 += 1 }
            return try answer(for: key)
        case .held:
            return try await log.record(key) {
                try await withTaskCancellationHandler {
                    try await withCheckedThrowingContinuation { continuation in
                        let cancelled = held.withLock { held in
                            if held.cancelledEarly.remove(key) != nil { return true }
                            held.waiting[key] = continuation
                            return false
                        }
                        if cancelled { continuation.resume(throwing: CancellationError()) }
                    }
                } onCancel: {
                    let continuation = held.withLock { held -> CheckedContinuation<Item?, any Error>? in
                        if let continuation = held.waiting.removeValue(forKey: key) { return continuation }
                        held.cancelledEarly.insert(key)
                        return nil
                    }
                    continuation?.resume(throwing: CancellationError())
                }
            }
        }
    }

    /// Answers the held call for `key`, unless cancellation got there first. Any thread.
    func answer(_ key: String) {
        let continuation = held.withLock { $0.waiting.removeValue(forKey: key) }
        continuation?.resume(returning: Self.item(for: key))
    }

    /// Calls made to an instant store.
    var instantCallCount: Int { instantCalls.withLock { $0 } }
}

/// The completions as a list: "(nil, CancellationError), (item, nil)", or "none".
private func kinds(_ calls: [Callback]) -> String {
    calls.isEmpty ? "none" : calls.map(\.kind).joined(separator: ", ")
}

/// Starts each body on a thread of its own, lets them all go at the same instant, and returns
/// when every one has ended (so nothing runs while the virtual-time runner is idle).
private func onThreadsTogether(_ bodies: [@Sendable () -> Void]) {
    let gate = Gate(count: bodies.count)
    let finished = DispatchGroup()
    for body in bodies {
        finished.enter()
        Thread {
            gate.arriveAndWait()
            body()
            finished.leave()
        }.start()
    }
    finished.wait()
}

/// A start line: every thread spins until all have arrived.
private final class Gate: Sendable {
    private let count: Int
    private let arrived = Atomic<Int>(0)

    init(count: Int) { self.count = count }

    func arriveAndWait() {
        arrived.add(1, ordering: .acquiringAndReleasing)
        while arrived.load(ordering: .acquiring) < count { sched_yield() }
    }
}

/// Runs `script` as the root task, then lets virtual time run on to `horizon`, so that every
/// completion due by then has been recorded.
private func play(
    _ time: VirtualTime, until horizon: Duration, _ script: @escaping @Sendable () async throws -> Void
) throws {
    let outcome = time.run {
        try await script()
        try await time.clock.sleep(until: TestClock.Instant(offset: horizon))
    }
    try outcome.requireFinished("the test's script of calls")
}

/// "2 times in 3 rounds, 0 times in 1 round" for per-round counts other than 1.
private func tally(_ counts: [Int]) -> String {
    Dictionary(grouping: counts.filter { $0 != 1 }, by: { $0 })
        .sorted { $0.key < $1.key }
        .map { "\($0.key) time\($0.key == 1 ? "" : "s") in \($0.value.count) round\($0.value.count == 1 ? "" : "s")" }
        .joined(separator: ", ")
}

final class CallbackFacadeTests: XCTestCase {
    func test_correctness_itemDeliveredWhenTheStoreAnswers() throws {
        let time = VirtualTime()
        let store = FakeItemStore(time, .answers(after: .milliseconds(100)))
        let facade = TableFacade(store: store)
        let callbacks = Callbacks(time)
        try play(time, until: .seconds(1)) { _ = callbacks.start(facade, "user:42") }
        let calls = callbacks.calls("user:42")
        expect(store.log.calls.map(\.label) == ["user:42"], "the store was asked for \(store.log.calls.map(\.label)); expected one lookup of \"user:42\".")
        guard let first = calls.first else {
            return XCTFail("the store answered \"user:42\" at 0.1 s and the completion was never called; expected (item, nil) at 0.1 s.")
        }
        expect(first.item == FakeItemStore.item(for: "user:42") && first.error == nil, "the completion was called with \(first.text); expected (value of user:42, nil), the item the store returned.")
        expect(first.at == .milliseconds(100), "the completion was called at \(first.at.seconds) of virtual time; expected 0.1 s, as soon as the store answered.")
        expect(calls.count == 1, "the completion was called \(calls.count) times; expected exactly once.")
    }

    func test_correctness_missingKeyIsNotFound() throws {
        let time = VirtualTime()
        let store = FakeItemStore(time, .answers(after: .milliseconds(100)), missing: ["user:7"])
        let facade = TableFacade(store: store)
        let callbacks = Callbacks(time)
        try play(time, until: .seconds(1)) { _ = callbacks.start(facade, "user:7") }
        let calls = callbacks.calls("user:7")
        guard let first = calls.first else {
            return XCTFail("the store found nothing for \"user:7\" at 0.1 s and the completion was never called; expected (nil, NotFound(key: \"user:7\")) then.")
        }
        expect(first.item == nil && (first.error as? NotFound) == NotFound(key: "user:7"), "the store returned nil for \"user:7\" and the completion was called with \(first.text); expected (nil, NotFound(key: \"user:7\")): that is how this table says a key does not exist.")
        expect(first.at == .milliseconds(100), "the completion was called at \(first.at.seconds) of virtual time; expected 0.1 s.")
        expect(calls.count == 1, "the completion was called \(calls.count) times; expected exactly once.")
    }

    func test_concurrency_tenCallersOnTenThreads() throws {
        let rounds = 20
        let time = VirtualTime()
        let store = FakeItemStore(time, .answers(after: .milliseconds(100)))
        let facade = TableFacade(store: store)
        let callbacks = Callbacks(time)
        let keys = (0..<rounds).map { round in (1...10).map { "round \(round) user:\($0)" } }
        try play(time, until: .seconds(Int64(rounds))) {
            for round in 0..<rounds {
                // Legacy callers live on threads of their own: ten of them call getItem at once.
                onThreadsTogether(keys[round].map { key in { _ = callbacks.start(facade, key) } })
                try await time.clock.sleep(for: .milliseconds(200))
            }
        }
        let all = keys.flatMap { $0 }
        let asked = Set(store.log.calls.map(\.label))
        expect(asked == Set(all) && store.log.calls.count == all.count, "in each of \(rounds) rounds, ten threads released together called getItem once each, and the store got \(store.log.calls.count) lookup(s) for \(asked.count) distinct key(s) in all; expected one lookup per call, \(all.count).")
        expect(store.log.maxInFlight == 10, "at most \(store.log.maxInFlight) lookups were in flight at once; expected the 10 of a round side by side: each getItem starts its own lookup at once.")
        let wrong = all.filter { key in
            let calls = callbacks.calls(key)
            return calls.count != 1 || calls[0].item != FakeItemStore.item(for: key) || calls[0].error != nil
        }
        expect(wrong.isEmpty, "\(wrong.count) of the \(all.count) callers did not get exactly one completion with their own item; expected each caller's completion to be called once, with the item for its key.")
        let late = keys.indices.flatMap { round in
            keys[round].filter { key in callbacks.calls(key).contains { $0.at != .milliseconds(200 * round + 100) } }
        }
        expect(late.isEmpty, "\(late.count) of the \(all.count) completions came at another time than 0.1 s after their call; expected every one then, when the store answered the lookups that ran side by side.")
    }

    func test_errors_storeFailurePassedOnOnce() throws {
        let time = VirtualTime()
        let store = FakeItemStore(time, .answers(after: .milliseconds(80)), failure: FakeError("table is throttled"))
        let facade = TableFacade(store: store)
        let callbacks = Callbacks(time)
        try play(time, until: .seconds(1)) { _ = callbacks.start(facade, "user:42") }
        let calls = callbacks.calls("user:42")
        guard let first = calls.first else {
            return XCTFail("the store failed at 0.08 s and the completion was never called; expected (nil, FakeError(table is throttled)) then.")
        }
        expect(first.item == nil && (first.error as? FakeError) == FakeError("table is throttled"), "the store failed with FakeError(table is throttled) and the completion was called with \(first.text); expected (nil, FakeError(table is throttled)): the store's own error, unchanged.")
        expect(first.at == .milliseconds(80), "the completion was called at \(first.at.seconds) of virtual time; expected 0.08 s, when the store failed.")
        expect(calls.count == 1, "the completion was called \(calls.count) times for one failed lookup; expected exactly once.")
    }

    func test_errors_instantAnswerStillComesAfterGetItemReturns() throws {
        let time = VirtualTime()
        let store = FakeItemStore(time, .instant)
        let facade = TableFacade(store: store)
        let callbacks = Callbacks(time)
        try play(time, until: .seconds(1)) { _ = callbacks.start(facade, "user:42") }
        let calls = callbacks.calls("user:42")
        expect(store.instantCallCount == 1, "the store was asked \(store.instantCallCount) time(s); expected once.")
        guard let first = calls.first else {
            return XCTFail("a store that answers without waiting was asked, and the completion was never called; expected (item, nil).")
        }
        expect(first.afterGetItemReturned, "the store answered without suspending and the completion ran inside getItem, before it had returned its request; expected it only after getItem returns: callers often keep the request in a variable that their completion reads or clears.")
        expect(calls.count == 1 && first.item == FakeItemStore.item(for: "user:42"), "the completion was called \(calls.count) time(s), first with \(first.text); expected once, with the item.")
    }

    func test_cancellation_cancelStopsTheLookup() throws {
        let time = VirtualTime()
        let store = FakeItemStore(time, .answers(after: .milliseconds(300)))
        let facade = TableFacade(store: store)
        let callbacks = Callbacks(time)
        try play(time, until: .seconds(1)) {
            let request = callbacks.start(facade, "user:42")
            try await time.clock.sleep(for: .milliseconds(100))
            request.cancel()
        }
        let lookup = store.log.calls.first
        expect(lookup?.cancelled == true && lookup?.end == .milliseconds(100), "cancel() was called at 0.1 s on a 300 ms lookup, and the store's call \(lookup.map { $0.cancelled ? "was cancelled at \($0.end?.seconds ?? "?")" : "ran on until \($0.end?.seconds ?? "the end")" } ?? "never started"); expected it cancelled at 0.1 s: cancel() must reach the store's call (cancel the task that runs it).")
        let calls = callbacks.calls("user:42")
        guard let first = calls.first else {
            return XCTFail("cancel() was called at 0.1 s and the completion never came; expected (nil, CancellationError) at 0.1 s: a cancelled lookup still calls back, exactly once, so the caller can clean up.")
        }
        expect(first.isCancellation, "after cancel() the completion was called with \(first.kind); expected (nil, CancellationError).")
        expect(first.at == .milliseconds(100), "the completion was called at \(first.at.seconds) of virtual time; expected 0.1 s, when the cancelled store call ended.")
        expect(calls.count == 1, "the completion was called \(calls.count) times (\(kinds(calls))); expected exactly once.")
    }

    func test_cancellation_storeIgnoringCancelStillReportsCancellation() throws {
        let time = VirtualTime()
        let store = FakeItemStore(time, .ignoresCancellation(after: .milliseconds(300)))
        let facade = TableFacade(store: store)
        let callbacks = Callbacks(time)
        try play(time, until: .seconds(1)) {
            let request = callbacks.start(facade, "user:42")
            try await time.clock.sleep(for: .milliseconds(100))
            request.cancel()
        }
        let calls = callbacks.calls("user:42")
        guard let first = calls.first else {
            return XCTFail("cancel() was called at 0.1 s, the store ignored it and answered at 0.3 s, and the completion never came; expected (nil, CancellationError) at 0.3 s.")
        }
        expect(first.isCancellation, "cancel() was called at 0.1 s, the store ignored it and answered at 0.3 s, and the completion was called with \(first.kind); expected (nil, CancellationError): the caller cancelled, so it hears about cancellation, even though the store answered.")
        expect(first.at == .milliseconds(300), "the completion was called at \(first.at.seconds) of virtual time; expected 0.3 s, when the lookup's task ended: call back when the work has really stopped, not while the store is still busy.")
        expect(calls.count == 1, "the completion was called \(calls.count) times (\(kinds(calls))); expected exactly once.")
    }

    func test_cancellation_extraCancelsDoNothing() throws {
        let time = VirtualTime()
        let store = FakeItemStore(time, .answers(after: .milliseconds(100)))
        let facade = TableFacade(store: store)
        let callbacks = Callbacks(time)
        try play(time, until: .seconds(1)) {
            let twice = callbacks.start(facade, "twice")
            let late = callbacks.start(facade, "late")
            try await time.clock.sleep(for: .milliseconds(50))
            twice.cancel()
            twice.cancel()
            try await time.clock.sleep(for: .milliseconds(100))
            late.cancel()
        }
        let twice = callbacks.calls("twice")
        expect(twice.count == 1 && twice[0].isCancellation, "a lookup cancelled twice at 0.05 s got \(twice.count) completion(s) (\(kinds(twice))); expected exactly one, (nil, CancellationError): the second cancel() changes nothing.")
        let late = callbacks.calls("late")
        expect(late.count == 1 && late[0].item != nil, "a lookup that completed at 0.1 s and was cancelled at 0.15 s got \(late.count) completion(s) (\(kinds(late))); expected only its item at 0.1 s: a cancel() after the completion changes nothing.")
    }

    func test_cancellation_cancelRacingTheAnswerCallsBackOnce() throws {
        let rounds = 100
        let cancellers = 4
        let time = VirtualTime()
        let store = FakeItemStore(time, .held)
        let facade = TableFacade(store: store)
        let callbacks = Callbacks(time)
        try play(time, until: .seconds(Int64(rounds))) {
            for round in 0..<rounds {
                let key = "race:\(round)"
                let request = callbacks.start(facade, key)
                try await time.clock.sleep(for: .milliseconds(100))
                // The store answers on one thread while four callers cancel on others, all at once.
                let cancel: @Sendable () -> Void = { request.cancel() }
                onThreadsTogether([{ store.answer(key) }] + Array(repeating: cancel, count: cancellers))
                try await time.clock.sleep(for: .milliseconds(100))
            }
        }
        time.settle()
        let keys = (0..<rounds).map { "race:\($0)" }
        let counts = keys.map { callbacks.calls($0).count }
        expect(counts.allSatisfy { $0 == 1 }, "in each of \(rounds) rounds, the store answered on one thread while \(cancellers) threads called cancel(), released together; the completion was called \(tally(counts)); expected exactly once in every round. Only one path may call back: let the lookup's task do it.")
        let firsts = keys.compactMap { callbacks.calls($0).first }
        let notCancelled = firsts.filter { !$0.isCancellation }
        expect(notCancelled.isEmpty, "in \(notCancelled.count) of \(firsts.count) rounds with a completion, it brought \(Set(notCancelled.map(\.kind)).sorted().joined(separator: " or ")); expected (nil, CancellationError): cancel() was called, so the caller hears about cancellation even when the store's answer arrived at the same moment.")
        let offTime = keys.indices.filter { index in
            callbacks.calls(keys[index]).first.map { $0.at != .milliseconds(200 * index + 100) } ?? false
        }
        expect(offTime.isEmpty, "in \(offTime.count) round(s) the completion came later than the cancel; expected at once, at the same virtual time.")
    }

    func test_resources_nothingRunsAfterTheCompletion() throws {
        let time = VirtualTime()
        let honouring = FakeItemStore(time, .answers(after: .milliseconds(300)))
        let ignoring = FakeItemStore(time, .ignoresCancellation(after: .milliseconds(300)))
        let callbacks = Callbacks(time)
        try play(time, until: .seconds(1)) {
            let first = callbacks.start(TableFacade(store: honouring), "honours-cancel")
            let second = callbacks.start(TableFacade(store: ignoring), "ignores-cancel")
            try await time.clock.sleep(for: .milliseconds(100))
            first.cancel()
            second.cancel()
        }
        for (key, store) in [("honours-cancel", honouring), ("ignores-cancel", ignoring)] {
            guard let completion = callbacks.calls(key).first, let call = store.log.calls.first else { continue }
            let end = call.end ?? .seconds(1)
            expect(end <= completion.at, "a lookup cancelled at 0.1 s on a store that \(key == "honours-cancel" ? "honours" : "ignores") cancellation called back at \(completion.at.seconds), but its store call ran on until \(end.seconds); expected nothing of the lookup left running once the caller has heard back: cancel the lookup's task and call back when it ends.")
        }
    }
}
