import Foundation
import InterviewKit
import Synchronization

// Intent: book the three parts concurrently in a task group, all requested at once. The
// first failure cancels the parts still pending, but the group still waits for every child,
// so a booking confirmed despite the cancel is collected too. If the trip failed, every
// confirmed booking is undone (a compensating action), and only those: the failed or
// cancelled parts hold nothing. The undos run side by side in a `withDiscardingTaskGroup`,
// inside an unstructured `Task`, so the caller's cancellation cannot cancel the clean-up.
// The original error is thrown unchanged once the last undo ends; if an undo fails, the
// failures (kept in a Mutex) go into CompensationFailed along with the original error.

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
