import Foundation
import InterviewKit

// Intent: an actor keeps the saga's ledger of confirmed bookings. The three parts are
// requested concurrently in a throwing task group, and each child records its booking in
// the ledger before returning. When one part fails, leaving the group cancels the others
// and waits for them, so a booking confirmed despite the cancel is still recorded. Then
// every recorded booking, and nothing else, gets its compensating undo, all side by side,
// in an unstructured Task so the caller's cancellation cannot cancel the clean-up. The
// original error is thrown unchanged, or inside CompensationFailed if an undo failed.

/// Books flight, hotel and car together; on failure undoes what was booked, then throws.
func bookTrip(_ request: TripRequest, service: some TravelService) async throws -> Trip {
    let ledger = TripLedger()
    do {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for part in TripPart.allCases {
                group.addTask {
                    let booking = try await service.book(part, for: request)
                    await ledger.record(booking)
                }
            }
            // The first failure throws out of the group, which cancels and awaits the rest.
            for try await _ in group {}
        }
    } catch {
        let confirmed = await ledger.confirmed
        let failures = await Task { await undo(confirmed, service: service) }.value
        if failures.isEmpty { throw error }
        throw CompensationFailed(original: error, failures: failures)
    }
    return await ledger.trip()
}

/// Cancels every booking concurrently; returns the cancellations that failed, in part order.
private func undo(_ bookings: [TripPart: Booking], service: some TravelService) async -> [UndoFailure] {
    await withTaskGroup(of: UndoFailure?.self) { group in
        for booking in bookings.values {
            group.addTask {
                do {
                    try await service.cancelBooking(booking)
                    return nil
                } catch {
                    return UndoFailure(booking: booking, error: error)
                }
            }
        }
        var failures: [UndoFailure] = []
        for await case let failure? in group { failures.append(failure) }
        let order = TripPart.allCases
        return failures.sorted { order.firstIndex(of: $0.booking.part)! < order.firstIndex(of: $1.booking.part)! }
    }
}

/// The bookings confirmed so far.
private actor TripLedger {
    private(set) var confirmed: [TripPart: Booking] = [:]

    func record(_ booking: Booking) {
        confirmed[booking.part] = booking
    }

    /// The whole trip; only called once every part is confirmed.
    func trip() -> Trip {
        Trip(flight: confirmed[.flight]!, hotel: confirmed[.hotel]!, car: confirmed[.car]!)
    }
}
