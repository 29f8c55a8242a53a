/// An order a web handler receives (exercise `unawaited-work`).
public struct Order: Sendable, Equatable {
    /// The order number.
    public let id: Int
    /// Creates an order.
    public init(id: Int) { self.id = id }
}

/// Where orders are saved.
public protocol OrderStore: Sendable {
    /// Saves `order`, or throws why it could not.
    func save(_ order: Order) async throws
}

/// What the handler answers.
public enum Response: Equatable, Sendable {
    /// The order was saved.
    case ok
    /// The order was not saved; the text says why.
    case serverError(String)
}

/// A record fetched and processed by `syncAll` (exercise `async-foreach`).
public struct Record: Sendable, Equatable {
    /// The record's id.
    public let id: Int
    /// Its content.
    public let payload: String
    /// Creates a record.
    public init(id: Int, payload: String) {
        self.id = id
        self.payload = payload
    }
}
