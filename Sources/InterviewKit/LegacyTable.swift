/// An item in the legacy key-value table (exercise `callback-bridge`).
public struct Item: Sendable, Equatable {
    /// The item's key.
    public let key: String
    /// The item's value.
    public let value: String
    /// Creates an item.
    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}

/// Thrown when the table has no item for a key.
public struct NotFound: Error, Equatable, Sendable {
    /// The key that was looked up.
    public let key: String
    /// Creates the error.
    public init(key: String) { self.key = key }
}

/// A request started by the legacy SDK, which can be cancelled.
public protocol LegacyRequest: Sendable {
    /// Asks the SDK to stop the request.
    func cancel()
}

/// A callback-style SDK: it answers through a completion handler.
public protocol LegacyTable: Sendable {
    /// Starts a lookup of `key`; `completion` receives the item, an error, or neither.
    func getItem(_ key: String, completion: @escaping @Sendable (Item?, (any Error)?) -> Void) -> any LegacyRequest
}
