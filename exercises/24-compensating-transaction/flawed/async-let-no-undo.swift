// expect: fail errors cancellation
import Foundation
import InterviewKit

// Intent: the three bookings are independent, so async let requests them concurrently; the
// first error is thrown as it is and the other bookings are cancelled automatically.

/// Books flight, hotel and car together.
func bookTrip(_ request: TripRequest, service: some TravelService) async throws -> Trip {
    async let flight = service.book(.flight, for: request)
    async let hotel = service.book(.hotel, for: request)
    async let car = service.book(.car, for: request)
    return try await Trip(flight: flight, hotel: hotel, car: car)
}
