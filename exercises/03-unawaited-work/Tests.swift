import Foundation
import InterviewHarness
import InterviewKit
import Synchronization
import XCTest

/// A store whose save takes a virtual latency and then succeeds or fails as the test says.
private final class FakeOrderStore: OrderStore, Sendable {
    /// Every save, with its start and end in virtual time.
    let log: WorkLog<Int>
    private let latency: Duration
    private let failure: FakeError?
    private let stored = Mutex<[Int]>([])

    init(clock: TestClock, latency: Duration, failure: FakeError? = nil) {
        self.log = WorkLog(clock: clock, lane: "save order")
        self.latency = latency
        self.failure = failure
    }

    func save(_ order: Order) async throws {
        try await log.perform(order.id, latency: latency) {
            if let failure { throw failure }
            stored.withLock { $0.append(order.id) }
        }
    }

    /// Ids of the orders whose save has finished successfully.
    var saved: [Int] { stored.withLock { $0 } }
    /// Saves started and not yet ended.
    var inFlight: Int { log.inFlight }
}

/// A response as Swift source, for messages: `.ok` or `.serverError("…")`.
private func show(_ response: Response) -> String {
    switch response {
    case .ok: return ".ok"
    case .serverError(let text): return ".serverError(\"\(text)\")"
    }
}

final class UnawaitedWorkTests: XCTestCase {
    func test_correctness_okOnlyOnceTheSaveHasFinished() throws {
        let time = VirtualTime()
        let store = FakeOrderStore(clock: time.clock, latency: .milliseconds(200))
        let outcome = time.run { await handle(Order(id: 7), store: store) }
        let response = try outcome.requireValue("handle(order 7)")
        let savedWhenAnswered = store.saved
        expect(response == .ok, "handle answered \(show(response)) for a save that succeeds; expected .ok.")
        expect(savedWhenAnswered == [7], "when handle answered \(show(response)) at \(outcome.elapsed.seconds) of virtual time, \(savedWhenAnswered.count) order(s) were stored; expected order 7 to be stored first: the save takes 0.2 s, and .ok tells the client the order is safe.")
        expect(outcome.elapsed == .milliseconds(200), "handle answered at \(outcome.elapsed.seconds) of virtual time; expected 0.2 s, the moment the save finished: any sooner and the order is not stored yet.")
    }

    func test_correctness_savesTheOrderOnce() throws {
        let time = VirtualTime()
        let store = FakeOrderStore(clock: time.clock, latency: .milliseconds(50))
        let outcome = time.run { await handle(Order(id: 12), store: store) }
        try outcome.requireFinished("handle(order 12)")
        let ids = store.log.calls.map(\.label)
        expect(ids == [12], "by the time handle answered, the store had been asked to save \(ids.isEmpty ? "nothing" : "orders \(ids)"); expected exactly one save, of order 12.")
    }

    func test_errors_failedSaveIsNotOk() throws {
        let time = VirtualTime()
        let store = FakeOrderStore(clock: time.clock, latency: .milliseconds(150), failure: FakeError("database is read-only"))
        let outcome = time.run { await handle(Order(id: 3), store: store) }
        let response = try outcome.requireValue("handle(order 3) with a failing store")
        guard case .serverError = response else {
            XCTFail("the save fails after 0.15 s with FakeError(database is read-only), but handle answered \(show(response)) at \(outcome.elapsed.seconds) of virtual time; expected .serverError: the client must not be told an unsaved order went through.")
            return
        }
    }

    func test_errors_serverErrorNamesTheCause() throws {
        let time = VirtualTime()
        let failure = FakeError("disk full on orders-db-2")
        let store = FakeOrderStore(clock: time.clock, latency: .milliseconds(100), failure: failure)
        let outcome = time.run { await handle(Order(id: 5), store: store) }
        let response = try outcome.requireValue("handle(order 5) with a failing store")
        guard case .serverError(let text) = response else {
            XCTFail("the save fails after 0.1 s, but handle answered \(show(response)) at \(outcome.elapsed.seconds) of virtual time; expected .serverError with text that includes \"\(failure)\".")
            return
        }
        expect(text.contains(failure.description), "handle answered \(show(response)); expected the text to include the error's description, \"\(failure)\" (write \"\\(error)\" into it): without the cause, nobody reading the logs can tell what failed.")
        expect(outcome.elapsed == .milliseconds(100), "handle answered at \(outcome.elapsed.seconds) of virtual time; expected 0.1 s, when the save failed.")
    }

    func test_resources_noSaveRunningAfterOk() throws {
        let time = VirtualTime()
        let store = FakeOrderStore(clock: time.clock, latency: .milliseconds(300))
        let outcome = time.run { await handle(Order(id: 9), store: store) }
        try outcome.requireFinished("handle(order 9)")
        let inFlight = store.inFlight
        let leftBehind = outcome.leftWorkRunning || inFlight > 0
        time.settle()
        let laterEnd = store.log.calls.first?.end
        let later = laterEnd.map { $0 > outcome.elapsed ? " The save went on to finish at \($0.seconds), after the answer." : "" } ?? ""
        expect(!leftBehind, "when handle answered at \(outcome.elapsed.seconds), \(inFlight) save(s) were in flight and \(outcome.pendingJobsAtEnd) task(s) were still queued to run; expected nothing left running behind the answer.\(later)")
    }

    func test_resources_noSaveRunningAfterServerError() throws {
        let time = VirtualTime()
        let store = FakeOrderStore(clock: time.clock, latency: .milliseconds(250), failure: FakeError("connection reset"))
        let outcome = time.run { await handle(Order(id: 4), store: store) }
        try outcome.requireFinished("handle(order 4) with a failing store")
        let inFlight = store.inFlight
        let leftBehind = outcome.leftWorkRunning || inFlight > 0
        time.settle()
        let laterEnd = store.log.calls.first?.end
        let later = laterEnd.map { $0 > outcome.elapsed ? " The save went on to fail at \($0.seconds), after the answer, and that error reached no one." : "" } ?? ""
        expect(!leftBehind, "when handle answered at \(outcome.elapsed.seconds), \(inFlight) save(s) were in flight and \(outcome.pendingJobsAtEnd) task(s) were still queued to run; expected nothing left running behind the answer.\(later)")
    }
}
