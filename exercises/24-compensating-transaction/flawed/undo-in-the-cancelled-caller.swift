// expect: fail cancellation
import Foundation
import InterviewKit
import Synchronization

// Intent: book the three parts concurrently in a task group; the first failure cancels the
// parts still pending, and the group still collects a booking confirmed despite the cancel.
// Then every confirmed booking is undone (a compensating action), side by side in a
// discarding task group, and the original error is thrown unchanged, or CompensationFailed
// with the undos that failed.

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
