import Foundation
import InterviewHarness
import InterviewKit
import Synchronization
import XCTest

/// A travel service scripted per part: how long each booking takes, whether it fails, and
/// whether it ignores cancellation. Each cancellation (undo) takes 50 ms. Every call is
/// logged in virtual time.
private final class FakeTravel: TravelService {
    struct Plan: Sendable {
        var latency: Duration
        var fails = false
        /// Confirms at `latency` even if the caller cancelled meanwhile.
        var ignoresCancellation = false
    }

    let bookings: WorkLog<TripPart>
    let undos: WorkLog<TripPart>
    private let clock: TestClock
    private let plans: [TripPart: Plan]
    private let refusedUndos: Set<TripPart>
    private let undone = Mutex<[Booking]>([])

    init(clock: TestClock, _ plans: [TripPart: Plan], refusingUndoOf refused: Set<TripPart> = []) {
        self.clock = clock
        self.plans = plans
        refusedUndos = refused
        bookings = WorkLog(clock: clock)
        undos = WorkLog(clock: clock)
    }

    func book(_ part: TripPart, for trip: TripRequest) async throws -> Booking {
        let plan = plans[part] ?? Plan(latency: .milliseconds(100))
        let booking = confirmation(part)
        if plan.ignoresCancellation {
            let clock = self.clock
            return try await bookings.record(part) {
                // Sleeps in a task of its own, which the caller's cancellation does not reach.
                await Task { try? await clock.sleep(for: plan.latency) }.value
                if plan.fails { throw FakeError("no \(part.rawValue) available") }
                return booking
            }
        }
        return try await bookings.perform(part, latency: plan.latency) {
            if plan.fails { throw FakeError("no \(part.rawValue) available") }
            return booking
        }
    }

    func cancelBooking(_ booking: Booking) async throws {
        try await undos.perform(booking.part, latency: .milliseconds(50)) {
            if refusedUndos.contains(booking.part) { throw FakeError("\(booking.part.rawValue) cannot be cancelled") }
            undone.withLock { $0.append(booking) }
        }
    }

    /// Parts whose undo was called, in trip order (flight, hotel, car) whatever order the calls came in.
    var undoneParts: [TripPart] {
        let called = undos.calls.map(\.label)
        return TripPart.allCases.flatMap { part in called.filter { $0 == part } }
    }
    /// Bookings actually cancelled, in order.
    var cancelled: [Booking] { undone.withLock { $0 } }
}

private let request = TripRequest(traveller: "Ada", destination: "Lisbon")

/// The booking the fake confirms for `part`.
private func confirmation(_ part: TripPart) -> Booking {
    Booking(part: part, confirmation: "\(part.rawValue.uppercased())-ADA-LIS")
}

private func plan(_ ms: Int, fails: Bool = false, ignoresCancellation: Bool = false) -> FakeTravel.Plan {
    FakeTravel.Plan(latency: .milliseconds(ms), fails: fails, ignoresCancellation: ignoresCancellation)
}

private func names(_ parts: [TripPart]) -> String {
    parts.isEmpty ? "none" : parts.map(\.rawValue).joined(separator: ", ")
}

/// Flight confirmed at 100 ms, hotel failing at 200 ms, car taking `car`.
private func hotelFails(_ clock: TestClock, car: FakeTravel.Plan = plan(500), refusingUndoOf refused: Set<TripPart> = []) -> FakeTravel {
    FakeTravel(clock: clock, [.flight: plan(100), .hotel: plan(200, fails: true), .car: car], refusingUndoOf: refused)
}

private let hotelError = FakeError("no hotel available")

final class CompensatingTransactionTests: XCTestCase {
    func test_correctness_everyPartBookedReturnsTheTrip() throws {
        let time = VirtualTime()
        let service = FakeTravel(clock: time.clock, [.flight: plan(100), .hotel: plan(200), .car: plan(300)])
        let outcome = time.run { try await bookTrip(request, service: service) }
        let trip = try outcome.requireValue("bookTrip with every part available")
        let expected = Trip(flight: confirmation(.flight), hotel: confirmation(.hotel), car: confirmation(.car))
        expect(trip == expected, "bookTrip returned flight \(trip.flight.confirmation), hotel \(trip.hotel.confirmation), car \(trip.car.confirmation); expected each part's own booking: \(expected.flight.confirmation), \(expected.hotel.confirmation), \(expected.car.confirmation).")
        expect(service.undoneParts.isEmpty, "every part was booked, yet bookTrip cancelled: \(names(service.undoneParts)); expected no undo when the trip succeeds.")
    }

    func test_concurrency_allThreePartsRequestedAtOnce() throws {
        let time = VirtualTime()
        let service = FakeTravel(clock: time.clock, [.flight: plan(100), .hotel: plan(200), .car: plan(300)])
        let outcome = time.run { try await bookTrip(request, service: service) }
        try outcome.requireFinished("bookTrip")
        ResultsChannel.recordLatency(outcome.elapsed, requests: 3)
        let starts = service.bookings.calls.map { "\($0.label.rawValue) at \($0.start.seconds)" }
        expect(service.bookings.calls.allSatisfy { $0.start == .zero } && service.bookings.calls.count == 3, "the bookings started: \(starts.joined(separator: ", ")); expected all three at 0 s: they do not depend on each other.")
        expect(outcome.elapsed == .milliseconds(300), "bookings of 0.1, 0.2 and 0.3 s gave a trip at \(outcome.elapsed.seconds); expected 0.3 s, the slowest booking.")
    }

    func test_errors_failureCancelsThePartsStillPending() throws {
        let time = VirtualTime()
        let service = hotelFails(time.clock)
        let outcome = time.run { try await bookTrip(request, service: service) }
        try outcome.requireFinished("bookTrip with the hotel failing at 0.2 s")
        let car = service.bookings.calls.first { $0.label == .car }
        expect(car?.cancelled == true && car?.end == .milliseconds(200), "the hotel failed at 0.2 s; the car's booking (due at 0.5 s) \(car.map { $0.cancelled ? "was cancelled at \($0.end?.seconds ?? "?")" : "ran on until \($0.end?.seconds ?? "the end")" } ?? "never started"); expected it cancelled at 0.2 s: the trip has already failed, so the car is no longer wanted.")
    }

    func test_errors_onlyConfirmedPartsUndoneThenTheErrorThrown() throws {
        let time = VirtualTime()
        let service = hotelFails(time.clock)
        let outcome = time.run { try await bookTrip(request, service: service) }
        let error = try outcome.requireError("bookTrip with the hotel failing at 0.2 s")
        expect(service.undoneParts == [.flight] && service.cancelled == [confirmation(.flight)], "after the hotel failed, bookTrip undid: \(names(service.undoneParts)); expected the flight only, with its own booking: it is the one part confirmed when the hotel failed. The hotel holds no booking, and the car, cancelled then, never confirms.")
        expect((error as? FakeError) == hotelError, "bookTrip threw \(describe(error)); expected the hotel's error, \(hotelError), unchanged: it is why the trip failed.")
        let undoStart = service.undos.calls.first?.start
        expect(undoStart.map { $0 >= .milliseconds(200) } ?? true, "the flight's undo started at \(undoStart?.seconds ?? "?"), before the hotel failed at 0.2 s; expected no undo before the trip fails.")
        expect(outcome.elapsed == .milliseconds(250), "bookTrip threw at \(outcome.elapsed.seconds); expected 0.25 s: when the flight's undo (50 ms, started when the hotel failed at 0.2 s) has ended, so the caller knows nothing is left booked.")
    }

    func test_errors_lateConfirmationIsUndoneToo() throws {
        let time = VirtualTime()
        let service = hotelFails(time.clock, car: plan(400, ignoresCancellation: true))
        let outcome = time.run { try await bookTrip(request, service: service) }
        let error = try outcome.requireError("bookTrip with the hotel failing and the car confirming at 0.4 s")
        let undone = service.cancelled.sorted { $0.confirmation < $1.confirmation }
        expect(undone == [confirmation(.car), confirmation(.flight)], "the car's provider ignored the cancellation and confirmed at 0.4 s; bookTrip undid: \(names(service.undoneParts)); expected the flight and the car: a booking confirmed after the cancel is still a booking, and must be undone too.")
        expect((error as? FakeError) == hotelError, "bookTrip threw \(describe(error)); expected the hotel's error, \(hotelError), unchanged.")
        expect(outcome.elapsed == .milliseconds(450), "bookTrip threw at \(outcome.elapsed.seconds); expected 0.45 s: after the car confirmed at 0.4 s and the last undo (50 ms, the undos running side by side) had ended.")
    }

    func test_errors_failedUndoIsReportedWithTheOriginalError() throws {
        let time = VirtualTime()
        let service = hotelFails(time.clock, refusingUndoOf: [.flight])
        let outcome = time.run { try await bookTrip(request, service: service) }
        let error = try outcome.requireError("bookTrip with the hotel failing and the flight's undo refused")
        guard let failed = error as? CompensationFailed else {
            let undoText = service.undoneParts.contains(.flight) ? "the flight's undo failed with FakeError(flight cannot be cancelled)" : "the flight's undo was never called"
            expect(false, "after the hotel failed, \(undoText), and bookTrip threw \(describe(error)); expected CompensationFailed(original: the hotel's error, failures: [the flight]): the caller must learn that a booking is still confirmed.")
            return
        }
        expect((failed.original as? FakeError) == hotelError, "CompensationFailed.original was \(describe(failed.original)); expected the hotel's error, \(hotelError): why the trip failed in the first place.")
        let list = failed.failures.map { "\($0.booking.part.rawValue): \(describe($0.error))" }
        let flightFailure = failed.failures.first
        expect(failed.failures.count == 1 && flightFailure?.booking == confirmation(.flight) && (flightFailure?.error as? FakeError) == FakeError("flight cannot be cancelled"), "CompensationFailed.failures held [\(list.joined(separator: "; "))]; expected exactly the flight's booking with its undo's error, FakeError(flight cannot be cancelled).")
        expect(outcome.elapsed == .milliseconds(250), "bookTrip threw at \(outcome.elapsed.seconds); expected 0.25 s, when the failed undo had ended.")
    }

    func test_cancellation_undoRunsAfterTheCallerIsCancelled() throws {
        let time = VirtualTime()
        let service = FakeTravel(clock: time.clock, [.flight: plan(100), .hotel: plan(200), .car: plan(300)])
        let outcome = time.run(cancelAt: .milliseconds(150)) { try await bookTrip(request, service: service) }
        let error = try outcome.requireError("bookTrip cancelled at 0.15 s")
        let pending = service.bookings.calls.filter { $0.label != .flight }
        let notCancelled = pending.filter { !$0.cancelled || $0.end != .milliseconds(150) }.map(\.label)
        expect(notCancelled.isEmpty, "the caller was cancelled at 0.15 s; these bookings were not cancelled then: \(names(notCancelled)); expected the hotel's and the car's bookings cancelled at 0.15 s.")
        let undo = service.undos.calls.first
        let undoText = undo.map { "ran from \($0.start.seconds) to \($0.end?.seconds ?? "?")\($0.cancelled ? ", cancelled" : "")" } ?? "never ran"
        expect(undo != nil && undo?.cancelled == false && service.cancelled == [confirmation(.flight)], "the flight was confirmed at 0.1 s and the caller cancelled at 0.15 s; the flight's undo \(undoText); expected it to run from 0.15 s to 0.2 s and complete: the caller's cancellation must not cancel the clean-up too, or the flight stays booked.")
        expect(error is CancellationError && outcome.elapsed == .milliseconds(200), "bookTrip threw \(describe(error)) at \(outcome.elapsed.seconds); expected CancellationError at 0.2 s, once the flight's undo had ended.")
    }

    func test_resources_nothingLeftRunningAfterTheThrow() throws {
        for car in [plan(500), plan(400, ignoresCancellation: true)] {
            let time = VirtualTime()
            let service = hotelFails(time.clock, car: car)
            let outcome = time.run { try await bookTrip(request, service: service) }
            try outcome.requireFinished("bookTrip with the hotel failing")
            let running = service.bookings.unfinished.map(\.rawValue) + service.undos.unfinished.map { "undo of \($0.rawValue)" }
            let carText = car.ignoresCancellation ? "a car confirming at 0.4 s despite the cancel" : "a car due at 0.5 s"
            expect(running.isEmpty && !outcome.leftWorkRunning, "with the hotel failing at 0.2 s and \(carText), when bookTrip threw at \(outcome.elapsed.seconds) these were still running: \(running.isEmpty ? "no calls" : running.joined(separator: ", ")), and \(outcome.pendingJobsAtEnd) tasks were queued, \(outcome.sleepersAtEnd) sleeping; expected nothing: throw only when every booking and undo has ended.")
        }
    }
}
