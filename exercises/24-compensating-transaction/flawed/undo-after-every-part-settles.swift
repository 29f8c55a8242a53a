// expect: fail errors
import Foundation
import InterviewKit
import Synchronization

// Intent: book the three parts concurrently in a task group and let every booking settle,
// so there is no doubt about which were confirmed. If any failed, undo every confirmed
// booking (a compensating action) in an unstructured Task, side by side, so the caller's
// cancellation cannot stop the clean-up; then throw the original error unchanged, or
// CompensationFailed when an undo fails.

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
        // Let every booking finish, so that we know exactly which ones succeeded.
        for await result in group {
            switch result {
            case .success(let booking):
                confirmed[booking.part] = booking
            case .failure(let error):
                if firstError == nil { firstError = error }
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
        let failures = UndoFailures()
        await withDiscardingTaskGroup { group in
            for booking in bookings {
                group.addTask {
                    do {
                        try await service.cancelBooking(booking)
                    } catch {
                        failures.record(UndoFailure(booking: booking, error: error))
                    }
                }
            }
        }
        return failures.inPartOrder
    }.value
}

/// The undos that failed, recorded from concurrent child tasks.
private final class UndoFailures: Sendable {
    private let list = Mutex<[UndoFailure]>([])

    func record(_ failure: UndoFailure) {
        list.withLock { $0.append(failure) }
    }

    var inPartOrder: [UndoFailure] {
        let order = TripPart.allCases
        return list.withLock { $0 }.sorted { order.firstIndex(of: $0.booking.part)! < order.firstIndex(of: $1.booking.part)! }
    }
}
