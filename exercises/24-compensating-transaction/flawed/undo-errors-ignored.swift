// expect: fail errors
import Foundation
import InterviewKit

// Intent: book the three parts concurrently in a task group; the first failure cancels the
// parts still pending, and the group still collects a booking confirmed despite the cancel.
// Every confirmed booking is undone (a compensating action), side by side, in an
// unstructured Task that the caller's cancellation cannot stop; then the original error is
// thrown unchanged.

/// Books flight, hotel and car together; on failure undoes what was booked, then throws.
func bookTrip(_ request: TripRequest, service: some TravelService) async throws -> Trip {
    var confirmed: [TripPart: Booking] = [:]
    var firstError: (any Error)?
    await withTaskGroup(of: Result<Booking, any Error>.self) { group in
        for part in TripPart.allCases {
            group.addTask {
                do {
                    return .success(try await service.book(part, for: request))
                } catch {
                    return .failure(error)
                }
            }
        }
        // Collect every child: after a failure, a sibling may still confirm before it stops.
        for await result in group {
            switch result {
            case .success(let booking):
                confirmed[booking.part] = booking
            case .failure(let error):
                if firstError == nil {
                    firstError = error
                    group.cancelAll()
                }
            }
        }
    }
    guard let original = firstError else {
        return Trip(flight: confirmed[.flight]!, hotel: confirmed[.hotel]!, car: confirmed[.car]!)
    }
    let failures = await undo(TripPart.allCases.compactMap { confirmed[$0] }, service: service)
    if failures.isEmpty { throw original }
    throw CompensationFailed(original: original, failures: failures)
}

/// Cancels every booking at once and returns the cancellations that failed, in part order.
private func undo(_ bookings: [Booking], service: some TravelService) async -> [UndoFailure] {
    // An unstructured Task does not inherit the caller's cancellation: the undos must run
    // to the end even when the caller has given up, or a booking stays confirmed.
    await Task {
        await withDiscardingTaskGroup { group in
            for booking in bookings {
                group.addTask {
                    // Best effort: a cancellation that fails is not worth failing the trip over twice.
                    try? await service.cancelBooking(booking)
                }
            }
        }
        return [UndoFailure]()
    }.value
}
