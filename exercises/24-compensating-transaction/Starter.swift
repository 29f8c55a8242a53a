import Foundation
import InterviewKit

// Intent: (say in a sentence or two why your code has the shape it has)

/// Books flight, hotel and car together.
func bookTrip(_ request: TripRequest, service: some TravelService) async throws -> Trip {
    async let flight = service.book(.flight, for: request)
    async let hotel = service.book(.hotel, for: request)
    async let car = service.book(.car, for: request)
    return try await Trip(flight: flight, hotel: hotel, car: car)
}
