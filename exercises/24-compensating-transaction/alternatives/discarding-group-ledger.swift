import Foundation
import InterviewKit
import Synchronization

// Intent: a saga. The three bookings run concurrently in a throwing discarding task group;
// each confirmed booking is written to a ledger (a Mutex) the moment it arrives. The first
// failure cancels the siblings, and the group waits for all of them before rethrowing, so
// a booking confirmed despite the cancel is in the ledger too. Then the compensating
// actions: every booking in the ledger, and only those, is undone side by side, inside an
// unstructured Task so the caller's cancellation cannot stop the clean-up. The original
// error is rethrown unchanged, or wrapped in CompensationFailed with the undos that failed.

/// Books flight, hotel and car together; on failure undoes what was booked, then throws.
func bookTrip(_ request: TripRequest, service: some TravelService) async throws -> Trip {
    let ledger = Ledger()
    do {
        try await withThrowingDiscardingTaskGroup { group in
            for part in TripPart.allCases {
                group.addTask {
                    ledger.add(try await service.book(part, for: request))
                }
            }
        }
    } catch {
        let failures = await compensate(ledger.bookings, service: service)
        throw failures.isEmpty ? error : CompensationFailed(original: error, failures: failures)
    }
    let booked = ledger.byPart
    return Trip(flight: booked[.flight]!, hotel: booked[.hotel]!, car: booked[.car]!)
}

/// Undoes `bookings` concurrently, shielded from the caller's cancellation; returns the failed undos.
private func compensate(_ bookings: [Booking], service: some TravelService) async -> [UndoFailure] {
    await Task {
        let failed = Ledger()
        await withDiscardingTaskGroup { group in
            for booking in bookings {
                group.addTask {
                    do {
                        try await service.cancelBooking(booking)
                    } catch {
                        failed.add(booking, error)
                    }
                }
            }
        }
        return failed.failures
    }.value
}

/// Bookings confirmed so far, and undos that failed, written from concurrent child tasks.
private final class Ledger: Sendable {
    private let entries = Mutex<[(booking: Booking, error: (any Error)?)]>([])

    func add(_ booking: Booking, _ error: (any Error)? = nil) {
        entries.withLock { $0.append((booking, error)) }
    }

    var bookings: [Booking] { entries.withLock { $0.map(\.booking) } }

    var byPart: [TripPart: Booking] {
        Dictionary(bookings.map { ($0.part, $0) }, uniquingKeysWith: { first, _ in first })
    }

    var failures: [UndoFailure] {
        let order = TripPart.allCases
        return entries.withLock { entries in
            entries.compactMap { entry in entry.error.map { UndoFailure(booking: entry.booking, error: $0) } }
        }.sorted { order.firstIndex(of: $0.booking.part)! < order.firstIndex(of: $1.booking.part)! }
    }
}
