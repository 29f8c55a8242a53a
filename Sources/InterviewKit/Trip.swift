/// One part of a trip, booked with its own provider (exercise `compensating-transaction`).
public enum TripPart: String, CaseIterable, Sendable {
    /// The flight.
    case flight
    /// The hotel room.
    case hotel
    /// The rental car.
    case car
}

/// Who travels where.
public struct TripRequest: Sendable, Equatable {
    /// The traveller's name.
    public let traveller: String
    /// Where they are going.
    public let destination: String
    /// Creates a request.
    public init(traveller: String, destination: String) {
        self.traveller = traveller
        self.destination = destination
    }
}

/// A confirmed booking of one part.
public struct Booking: Sendable, Equatable {
    /// What was booked.
    public let part: TripPart
    /// The provider's confirmation code, needed to cancel it.
    public let confirmation: String
    /// Creates a booking.
    public init(part: TripPart, confirmation: String) {
        self.part = part
        self.confirmation = confirmation
    }
}

/// A trip with every part booked.
public struct Trip: Sendable, Equatable {
    /// The flight's booking.
    public let flight: Booking
    /// The hotel's booking.
    public let hotel: Booking
    /// The car's booking.
    public let car: Booking
    /// Creates a trip.
    public init(flight: Booking, hotel: Booking, car: Booking) {
        self.flight = flight
        self.hotel = hotel
        self.car = car
    }
}

/// Books and cancels the parts of a trip.
public protocol TravelService: Sendable {
    /// Books `part` for `trip`, or throws why it could not.
    func book(_ part: TripPart, for trip: TripRequest) async throws -> Booking
    /// Cancels a confirmed booking (the compensating action), or throws why it could not.
    func cancelBooking(_ booking: Booking) async throws
}

/// A booking whose cancellation failed, and why.
public struct UndoFailure: Sendable {
    /// The booking that is still confirmed.
    public let booking: Booking
    /// The error its cancellation threw.
    public let error: any Error
    /// Creates the record.
    public init(booking: Booking, error: any Error) {
        self.booking = booking
        self.error = error
    }
}

/// Thrown when the trip failed and some of the bookings already made could not be cancelled.
public struct CompensationFailed: Error {
    /// Why the trip failed in the first place.
    public let original: any Error
    /// The cancellations that failed.
    public let failures: [UndoFailure]
    /// Creates the error.
    public init(original: any Error, failures: [UndoFailure]) {
        self.original = original
        self.failures = failures
    }
}
