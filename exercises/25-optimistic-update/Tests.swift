import Foundation
import InterviewHarness
import InterviewKit
import Synchronization
import XCTest

/// The two calls of the store, as the work log labels them.
private enum Call: String, Sendable, Hashable {
    case get, put
}

/// One `put`, as the store saw it.
private struct Write: Sendable {
    let value: Int
    let ifVersion: Int
    let conflicted: Bool
}

/// A versioned store of one key in virtual time: `get` and `put` take 10 ms each, `get` reads
/// when it ends and `put` compares and writes when it ends. A rival writer can slip in during a
/// `put` (just before the compare), and either call can be made to fail.
private final class FakeVersionedStore: VersionedStore, Sendable {
    static let latency: Duration = .milliseconds(10)

    private struct State {
        var current: Versioned
        var rivalWritesLeft: Int
        var writes: [Write] = []
    }

    let log: WorkLog<Call>
    private let state: Mutex<State>
    private let rivalAdds: Int
    private let getFailure: FakeError?
    private let putFailure: FakeError?
    private let putIgnoresCancellation: Bool

    /// - Parameters:
    ///   - rivalWrites: during how many of the first puts another writer adds `rivalAdds` first
    ///     (`Int.max`: during every put).
    ///   - putIgnoresCancellation: a put runs to its end even when its caller is cancelled, as a
    ///     remote write already sent would.
    init(_ time: VirtualTime, start: Versioned = Versioned(value: 0, version: 0), rivalWrites: Int = 0,
         rivalAdds: Int = 100, getFailure: FakeError? = nil, putFailure: FakeError? = nil, putIgnoresCancellation: Bool = false) {
        self.log = WorkLog(clock: time.clock)
        self.state = Mutex(State(current: start, rivalWritesLeft: rivalWrites))
        self.rivalAdds = rivalAdds
        self.getFailure = getFailure
        self.putFailure = putFailure
        self.putIgnoresCancellation = putIgnoresCancellation
    }

    func get(_ key: String) async throws -> Versioned {
        try await log.perform(.get, latency: Self.latency) {
            if let getFailure { throw getFailure }
            return state.withLock { $0.current }
        }
    }

    func put(_ key: String, value: Int, ifVersion version: Int) async throws -> Versioned {
        if putIgnoresCancellation {
            // An unstructured task does not inherit the caller's cancellation.
            return try await Task { try await self.compareAndWrite(key, value: value, ifVersion: version) }.value
        }
        return try await compareAndWrite(key, value: value, ifVersion: version)
    }

    private func compareAndWrite(_ key: String, value: Int, ifVersion version: Int) async throws -> Versioned {
        try await log.perform(.put, latency: Self.latency) {
            if let putFailure { throw putFailure }
            return try state.withLock { state in
                if state.rivalWritesLeft > 0 {
                    state.rivalWritesLeft -= 1
                    state.current = Versioned(value: state.current.value + rivalAdds, version: state.current.version + 1)
                }
                guard state.current.version == version else {
                    state.writes.append(Write(value: value, ifVersion: version, conflicted: true))
                    throw VersionConflict(key: key, expected: version, actual: state.current.version)
                }
                state.writes.append(Write(value: value, ifVersion: version, conflicted: false))
                state.current = Versioned(value: value, version: version + 1)
                return state.current
            }
        }
    }

    /// What the key holds now.
    var current: Versioned { state.withLock { $0.current } }
    /// Every put, in the order the store compared them.
    var writes: [Write] { state.withLock { $0.writes } }
    /// How many gets were started.
    var gets: Int { log.calls.filter { $0.label == .get }.count }
    /// How many puts were started.
    var puts: Int { log.calls.filter { $0.label == .put }.count }
    /// When each get started.
    var getStarts: [Duration] { log.calls.filter { $0.label == .get }.map(\.start) }
}

/// Thrown by a transform that refuses its input.
private struct NegativeBalance: Error, Equatable {
    let value: Int
}

/// Virtual times as a list: "[0.0 s, 0.02 s]".
private func seconds(_ times: [Duration]) -> String {
    "[" + times.map(\.seconds).joined(separator: ", ") + "]"
}

final class OptimisticUpdateTests: XCTestCase {
    func test_correctness_incrementOnceReadsThenWrites() throws {
        let time = VirtualTime()
        let store = FakeVersionedStore(time)
        let outcome = time.run { try await update("counter", in: store, maxAttempts: 3) { $0 + 1 } }
        let written = try outcome.requireValue("update(\"counter\") with +1")
        expect(written == Versioned(value: 1, version: 1), "update returned \(written); expected Versioned(value: 1, version: 1): 0 + 1, written over version 0.")
        expect(store.current == Versioned(value: 1, version: 1), "the store holds \(store.current) after the update; expected Versioned(value: 1, version: 1).")
        expect(store.gets == 1 && store.puts == 1, "one uncontended update made \(store.gets) get(s) and \(store.puts) put(s); expected exactly 1 of each: read, transform, write.")
        expect(outcome.elapsed == .milliseconds(20), "update returned at \(outcome.elapsed.seconds) of virtual time; expected 0.02 s, one get (10 ms) and one put (10 ms).")
    }

    func test_correctness_writesWithTheVersionItRead() throws {
        let time = VirtualTime()
        let store = FakeVersionedStore(time, start: Versioned(value: 7, version: 3))
        let outcome = time.run { try await update("counter", in: store, maxAttempts: 3) { $0 * 2 } }
        let written = try outcome.requireValue("update(\"counter\") with ×2 on value 7 at version 3")
        expect(written == Versioned(value: 14, version: 4), "update returned \(written); expected Versioned(value: 14, version: 4): the transform applied to the value read (7 × 2), written over the version read (3), which the store moves to 4.")
        let first = store.writes.first
        expect(first?.ifVersion == 3 && first?.value == 14, "the first put wrote \(first.map { "value \($0.value) if version \($0.ifVersion)" } ?? "nothing"); expected value 14 if version 3: put the transformed value with the version that came with it.")
    }

    func test_concurrency_conflictRetriesAtOnceOnAFreshRead() throws {
        let time = VirtualTime()
        let store = FakeVersionedStore(time, rivalWrites: 1, rivalAdds: 100)
        let outcome = time.run { try await update("counter", in: store, maxAttempts: 3) { $0 + 1 } }
        let written = try outcome.requireValue("update(\"counter\") with +1 while another writer adds 100")
        expect(written == Versioned(value: 101, version: 2), "another writer added 100 between the first get and put, so the first put conflicted; update returned \(written); expected Versioned(value: 101, version: 2): read again, apply +1 to the fresh value (100), write over the fresh version (1). Anything else loses one of the two updates.")
        expect(store.getStarts == [.zero, .milliseconds(20)], "the gets started at \(seconds(store.getStarts)); expected [0.0 s, 0.02 s]: the conflict arrived at 0.02 s and the next attempt starts at once, with a fresh get.")
        expect(outcome.elapsed == .milliseconds(40), "update returned at \(outcome.elapsed.seconds) of virtual time; expected 0.04 s: two attempts of get + put, back to back.")
    }

    func test_concurrency_twentyConcurrentIncrementsAllLand() throws {
        let time = VirtualTime()
        let store = FakeVersionedStore(time)
        let outcome = time.run {
            try await withThrowingTaskGroup(of: Versioned.self) { group in
                for _ in 1...20 {
                    group.addTask { try await update("counter", in: store, maxAttempts: 20) { $0 + 1 } }
                }
                var results: [Versioned] = []
                for try await written in group { results.append(written) }
                return results
            }
        }
        let results = try outcome.requireValue("20 concurrent updates of +1")
        expect(store.current == Versioned(value: 20, version: 20), "20 concurrent +1 updates of a counter at 0 left \(store.current); expected Versioned(value: 20, version: 20). \(store.current.value < store.current.version ? "\(store.current.version - store.current.value) update(s) were lost: a retry must transform the value it has just read, not the one it computed before the conflict." : "")")
        let versions = results.map(\.version).sorted()
        expect(versions == Array(1...20), "the 20 updates returned versions \(versions); expected each of 1 to 20 once: every update lands at its own version.")
        expect(store.gets == 210 && store.puts == 210, "the updates made \(store.gets) gets and \(store.puts) puts; expected 210 of each: all 20 read at once, one wins, the other 19 read again, and so on (20 + 19 + … + 1).")
        expect(outcome.elapsed == .milliseconds(400), "the 20 updates were all done at \(outcome.elapsed.seconds) of virtual time; expected 0.4 s: 20 rounds of get + put (20 ms), one winner per round.")
    }

    func test_errors_givesUpAfterMaxAttempts() throws {
        let time = VirtualTime()
        time.virtualTimeLimit = .seconds(10)
        let store = FakeVersionedStore(time, rivalWrites: .max)
        let outcome = time.run { try await update("counter", in: store, maxAttempts: 3) { $0 + 1 } }
        let error = try outcome.requireError("update(\"counter\", maxAttempts: 3) against a store where every put conflicts")
        expect((error as? TooManyConflicts) == TooManyConflicts(key: "counter", attempts: 3), "every put conflicted and update threw \(describe(error)); expected TooManyConflicts(key: \"counter\", attempts: 3).")
        expect(store.gets == 3 && store.puts == 3, "update made \(store.gets) gets and \(store.puts) puts before giving up; expected exactly 3 of each: three whole attempts, each reading afresh, and nothing after the last conflict.")
        expect(outcome.elapsed == .milliseconds(60), "update threw at \(outcome.elapsed.seconds) of virtual time; expected 0.06 s, as soon as the third put conflicted.")
    }

    func test_errors_getFailureThrownAtOnce() throws {
        let time = VirtualTime()
        let store = FakeVersionedStore(time, getFailure: FakeError("store offline"))
        let outcome = time.run { try await update("counter", in: store, maxAttempts: 3) { $0 + 1 } }
        let error = try outcome.requireError("update(\"counter\") with a failing get")
        expect((error as? FakeError) == FakeError("store offline"), "get failed with FakeError(store offline) and update threw \(describe(error)); expected that error, unchanged: only a version conflict is worth another attempt.")
        expect(store.gets == 1 && store.puts == 0, "after a failing get, update made \(store.gets) get(s) and \(store.puts) put(s); expected 1 get and no put: an error that is not a conflict is not retried.")
        expect(outcome.elapsed == .milliseconds(10), "update threw at \(outcome.elapsed.seconds) of virtual time; expected 0.01 s, when the get failed.")
    }

    func test_errors_putFailureThrownAtOnce() throws {
        let time = VirtualTime()
        let store = FakeVersionedStore(time, putFailure: FakeError("disk full"))
        let outcome = time.run { try await update("counter", in: store, maxAttempts: 3) { $0 + 1 } }
        let error = try outcome.requireError("update(\"counter\") with a failing put")
        expect((error as? FakeError) == FakeError("disk full"), "put failed with FakeError(disk full) and update threw \(describe(error)); expected that error, unchanged.")
        expect(store.gets == 1 && store.puts == 1, "after a failing put, update made \(store.gets) get(s) and \(store.puts) put(s); expected 1 of each: an error that is not a conflict is not retried.")
        expect(outcome.elapsed == .milliseconds(20), "update threw at \(outcome.elapsed.seconds) of virtual time; expected 0.02 s, when the put failed.")
    }

    func test_errors_transformErrorMeansNoPut() throws {
        let time = VirtualTime()
        let store = FakeVersionedStore(time, start: Versioned(value: 5, version: 1))
        let outcome = time.run {
            try await update("balance", in: store, maxAttempts: 3) { value in
                guard value >= 8 else { throw NegativeBalance(value: value - 8) }
                return value - 8
            }
        }
        let error = try outcome.requireError("update(\"balance\") whose transform throws")
        expect((error as? NegativeBalance) == NegativeBalance(value: -3), "the transform threw NegativeBalance(value: -3) and update threw \(describe(error)); expected the transform's error, unchanged.")
        expect(store.puts == 0, "update made \(store.puts) put(s) after the transform threw; expected none: there is no new value to write.")
        expect(store.gets == 1, "update made \(store.gets) get(s); expected 1: a transform that refuses the value is not a conflict, so there is no retry.")
        expect(outcome.elapsed == .milliseconds(10), "update threw at \(outcome.elapsed.seconds) of virtual time; expected 0.01 s, right after the get.")
    }

    func test_cancellation_cancelledDuringTheSecondGet() throws {
        let time = VirtualTime()
        let store = FakeVersionedStore(time, rivalWrites: 1)
        let outcome = time.run(cancelAt: .milliseconds(25)) { try await update("counter", in: store, maxAttempts: 5) { $0 + 1 } }
        let error = try outcome.requireError("update(\"counter\") cancelled at 0.025 s")
        expect(error is CancellationError, "update, cancelled at 0.025 s during its second get, threw \(describe(error)); expected CancellationError: a cancelled caller is not a conflict, so it is not retried.")
        expect(outcome.elapsed == .milliseconds(25), "update threw at \(outcome.elapsed.seconds) of virtual time; expected 0.025 s, the moment it was cancelled.")
        time.settle()
        let late = store.log.calls.filter { $0.start >= .milliseconds(25) }
        expect(late.isEmpty, "once cancelled at 0.025 s, update still started \(late.count) call(s) on the store (\(late.map(\.label.rawValue).joined(separator: ", "))); expected none: no further get, and above all no put.")
    }

    func test_cancellation_cancelledDuringAPutThatStillConflicts() throws {
        let time = VirtualTime()
        let store = FakeVersionedStore(time, rivalWrites: 1, putIgnoresCancellation: true)
        let outcome = time.run(cancelAt: .milliseconds(15)) { try await update("counter", in: store, maxAttempts: 5) { $0 + 1 } }
        let error = try outcome.requireError("update(\"counter\") cancelled at 0.015 s, during a put that still ends in a conflict at 0.02 s")
        expect(error is CancellationError, "update, cancelled at 0.015 s while its first put was in flight (the put ended at 0.02 s with a conflict), threw \(describe(error)); expected CancellationError: the caller is gone, so the conflict is not retried.")
        time.settle()
        let late = store.log.calls.filter { $0.start >= .milliseconds(15) }
        expect(late.isEmpty, "once cancelled at 0.015 s, update still started \(late.count) call(s) on the store after its put came back (\(late.map(\.label.rawValue).joined(separator: ", "))); expected none: check for cancellation before each new attempt, not only inside the store's calls.")
    }
}
