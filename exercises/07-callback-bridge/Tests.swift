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
        }
        return request
    }

    /// Every lookup started, in order.
    var requests: [FakeRequest] { state.withLock { $0.requests } }
    /// The virtual times at which the completion was called.
    var callbacks: [Duration] { state.withLock { $0.callbacks } }
}

/// A table for the race tests: it keeps every completion until the test hands them to
/// `RacingThreads`, which calls them from two threads at once.
private final class RacingTable: LegacyTable, Sendable {
    typealias Completion = @Sendable (Item?, (any Error)?) -> Void

    /// Which lookup of a batch the current task makes, so each completion can be paired with
    /// that lookup's task whatever order the lookups reach the table in.
    @TaskLocal static var lookup = 0

    private let pending = Mutex<[(lookup: Int, completion: Completion)]>([])

    func getItem(_ key: String, completion: @escaping Completion) -> any LegacyRequest {
        pending.withLock { $0.append((Self.lookup, completion)) }
        return CallbackOnItsWay()
    }

    /// The completions of the lookups started since the last call, each with its lookup number.
    func takePending() -> [(lookup: Int, completion: Completion)] {
        pending.withLock { pending in
            defer { pending = [] }
            return pending
        }
    }
}

/// A request whose callback is already on its way when it is cancelled: `cancel()` changes nothing.
private struct CallbackOnItsWay: LegacyRequest {
    func cancel() {}
}

/// Two threads that run closures in pairs, one of each pair on each thread, released at the
/// same moment so the two really overlap. Each thread is pinned to a CPU of its own where the
/// process has two: otherwise the scheduler tends to put both on one CPU, where they take
/// turns. Between batches both threads wait, so nothing calls back while the runner is idle:
/// `race` returns only after every closure has returned.
private final class RacingThreads: @unchecked Sendable {
    typealias Pair = (first: @Sendable () -> Void, second: @Sendable () -> Void)

    private let go = [DispatchSemaphore(value: 0), DispatchSemaphore(value: 0)]
    private let batchOver = DispatchSemaphore(value: 0)
    private let exited = DispatchSemaphore(value: 0)
    private let arrived = Atomic<Int>(0)
    private let started = Atomic<Int>(0)
    private let ended = Atomic<Int>(0)
    private let done = Atomic<Int>(0)
    private let overlapping = Atomic<Int>(0)
    // Written by `race` before the threads are let go, read by them after: the semaphores order it.
    private var pairs: [Pair] = []
    private var pairsBefore = 0
    private var batches = 0
    private var stopping = false
    private let createdAt = DispatchTime.now().uptimeNanoseconds

    /// Starts the two threads, hands them to `body`, and stops them when it returns.
    static func with<T>(_ body: (RacingThreads) throws -> T) rethrows -> T {
        let threads = RacingThreads()
        let cpus = allowedCPUs()
        for index in 0..<2 {
            let cpu = cpus.count >= 2 ? cpus[index] : nil
            let thread = Thread {
                if let cpu { pin(to: cpu) }
                threads.serve(index)
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        defer {
            threads.stopping = true
            for semaphore in threads.go { semaphore.signal() }
            threads.exited.wait()
            threads.exited.wait()
        }
        return try body(threads)
    }

    /// Runs each pair's `first` on one thread and its `second` on the other, the two released
    /// together, pair after pair; returns when every closure has returned.
    func race(_ batch: [Pair]) {
        guard !batch.isEmpty else { return }
        pairsBefore += pairs.count
        pairs = batch
        batches += 1
        for semaphore in go { semaphore.signal() }
        batchOver.wait()
    }

    /// Whether the threads have raced for 3 s of real time: on a machine too busy to give the
    /// two threads CPUs at the same moment, a race test stops there rather than run into the
    /// check's time limit. Only the amount of racing depends on it, never a verdict directly.
    var outOfTime: Bool { DispatchTime.now().uptimeNanoseconds - createdAt > 3_000_000_000 }

    /// How many pairs so far had both closures running at the same time (the scheduler does
    /// not always give the process two CPUs at once).
    var overlappingPairs: Int { overlapping.load(ordering: .sequentiallyConsistent) }

    private func serve(_ index: Int) {
        while true {
            go[index].wait()
            if stopping { break }
            for (offset, pair) in pairs.enumerated() {
                let number = pairsBefore + offset + 1
                // Both threads spin at the barrier until the other has arrived, then start
                // together, one a little later: the lag changes from pair to pair, so that
                // whatever the two closures do before their critical steps, some pairs line
                // those steps up.
                arrived.add(1, ordering: .sequentiallyConsistent)
                var spins = 0
                while arrived.load(ordering: .sequentiallyConsistent) < 2 * number {
                    spins += 1
                    // Spinning a while before giving up the CPU matters on a busy machine: the
                    // two threads meet only while both hold a CPU (measured: 20,000 spins made
                    // a test 10 times faster than 512 under a load of 10 on two cores).
                    if spins % 20_000 == 0 { sched_yield() }
                }
                let lag = Self.lag(number)
                var waited = 0
                while waited < (index == 0 ? lag : -lag) { waited += 1 }
                started.add(1, ordering: .sequentiallyConsistent)
                index == 0 ? pair.first() : pair.second()
                // The first to end checks whether the other had started: if so, they overlapped.
                if ended.add(1, ordering: .sequentiallyConsistent).newValue == 2 * number - 1,
                   started.load(ordering: .sequentiallyConsistent) == 2 * number {
                    overlapping.add(1, ordering: .sequentiallyConsistent)
                }
            }
            if done.add(1, ordering: .sequentiallyConsistent).newValue == 2 * batches { batchOver.signal() }
        }
        exited.signal()
    }

    /// How many spins of a loop the first thread starts after the second for pair `number`
    /// (negative: the second after the first). Lags of three sizes take turns; within a size
    /// they spread evenly in both directions. Measured on two busy cores: a check-then-set
    /// window of a few instructions is hit at lags from about -200 to +400 spins, and
    /// within some tens of pairs (at worst some hundreds).
    private static func lag(_ number: Int) -> Int {
        let scale = [50, 200, 500][number % 3]
        return (number &* 7919) % (2 * scale + 1) - scale
    }

    private typealias Affinity = @convention(c) (pid_t, Int, UnsafeMutableRawPointer) -> Int32

    /// The C library's `sched_getaffinity` and `sched_setaffinity`, which Swift's Glibc module
    /// does not declare.
    private static let affinity: (get: Affinity, set: Affinity)? = {
        guard let get = dlsym(nil, "sched_getaffinity"), let set = dlsym(nil, "sched_setaffinity") else { return nil }
        return (unsafeBitCast(get, to: Affinity.self), unsafeBitCast(set, to: Affinity.self))
    }()

    /// The CPUs this process may run on.
    private static func allowedCPUs() -> [Int] {
        guard let affinity else { return [] }
        var set = [UInt8](repeating: 0, count: 128)
        guard set.withUnsafeMutableBytes({ affinity.get(0, $0.count, $0.baseAddress!) }) == 0 else { return [] }
        return (0..<(set.count * 8)).filter { set[$0 / 8] & (1 << ($0 % 8)) != 0 }
    }

    /// Keeps the calling thread on one CPU.
    private static func pin(to cpu: Int) {
        guard let affinity else { return }
        var set = [UInt8](repeating: 0, count: 128)
        set[cpu / 8] |= UInt8(1 << (cpu % 8))
        _ = set.withUnsafeMutableBytes { affinity.set(0, $0.count, $0.baseAddress!) }
    }
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

    // The double-callback and race tests come last: an unguarded continuation crashes the
    // whole test process on the second resume, and the tests after a crash do not run.

    func test_errors_doubleCallbackOnOneThreadFirstWins() throws {
        let time = VirtualTime()
        let second = Item(key: "user:42", value: "stale copy")
        let table = FakeLegacyTable(clock: time.clock, delivery: .twiceOnOneThread(answer, second))
        let outcome = time.run { try await getItem("user:42", from: table) }
        let item = try outcome.requireValue("getItem with a callback delivered twice")
        expect(item == answer, "the SDK called back twice in a row, first with \(answer), then with \(second); getItem returned \(item); expected the first one: the first callback wins and the second is ignored.")
    }

    func test_errors_doubleCallbackAcrossThreadsFirstWins() throws {
        try RacingThreads.with { threads in
            let time = VirtualTime()
            let clock = time.clock
            let table = RacingTable()
            let outcome = time.run { () async throws -> [Item] in
                var items: [Item] = []
                while Self.keepRacing(threads, lookups: items.count) {
                    try await withThrowingTaskGroup(of: Item?.self) { group in
                        for _ in 0..<Self.batch { group.addTask { try await getItem("user:42", from: table) } }
                        group.addTask {
                            // By now every lookup of the batch has reached the table. Both
                            // callbacks bring the same item: which thread wins is the race's
                            // business, and a crash report then reads the same whichever lost.
                            try await clock.sleep(for: .milliseconds(10))
                            threads.race(table.takePending().map { _, completion in
                                ({ completion(answer, nil) }, { completion(answer, nil) })
                            })
                            return nil
                        }
                        for try await item in group { if let item { items.append(item) } }
                    }
                }
                return items
            }
            let items = try outcome.requireValue("getItem, called again and again, each time with two callbacks at the same moment from two threads,")
            let strange = items.filter { $0 != answer }
            expect(strange.isEmpty, "getItem returned \(strange.first.map { "\($0)" } ?? "") in \(strange.count) of \(items.count) lookups; expected \(answer), the item both callbacks delivered.")
        }
    }

    func test_cancellation_cancelRacingTheCallback() throws {
        try RacingThreads.with { threads in
            let time = VirtualTime()
            let clock = time.clock
            let table = RacingTable()
            let outcome = time.run { () async throws -> (cancelled: Int, other: String?) in
                var cancelled = 0
                while Self.keepRacing(threads, lookups: cancelled) {
                    let tasks = (0..<Self.batch).map { lookup in
                        RacingTable.$lookup.withValue(lookup) { Task { try await getItem("user:42", from: table) } }
                    }
                    // By now every lookup of the batch has reached the table. The SDK calls back
                    // with CancellationError (as URLSession does for a cancelled request) at the
                    // moment the caller's task is cancelled: either way the call throws
                    // CancellationError, and a crash report reads the same whichever resumed second.
                    try await clock.sleep(for: .milliseconds(10))
                    threads.race(table.takePending().map { lookup, completion in
                        ({ completion(nil, CancellationError()) }, { tasks[lookup].cancel() })
                    })
                    for task in tasks {
                        do {
                            let item = try await task.value
                            return (cancelled, "returned \(item)")
                        } catch is CancellationError {
                            cancelled += 1
                        } catch {
                            return (cancelled, "threw \(describe(error))")
                        }
                    }
                }
                return (cancelled, nil)
            }
            let result = try outcome.requireValue("getItem, called again and again, each time cancelled by one thread at the moment another calls back,")
            expect(result.other == nil, "each lookup was cancelled by one thread at the moment another thread called back with CancellationError; after \(result.cancelled) lookups threw CancellationError, one \(result.other ?? ""); expected CancellationError every time.")
        }
    }

    /// How many lookups run at once in a race test: each is raced on once per batch.
    private static let batch = 200

    /// Whether a race test should start another batch: until 1,500 lookups had their two
    /// threads really overlap, or 6,000 lookups in all (or 3 s) when the machine is too busy
    /// for that. Measured: the flawed answers of this exercise crash within some tens of
    /// overlapping lookups, at worst some hundreds.
    private static func keepRacing(_ threads: RacingThreads, lookups: Int) -> Bool {
        lookups < 6_000 && threads.overlappingPairs < 1_500 && !threads.outOfTime
    }
}
