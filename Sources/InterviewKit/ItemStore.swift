/// An async key-value store of items (exercise `callback-facade`).
public protocol ItemStore: Sendable {
    /// The item stored under `key`, or nil if there is none.
    func item(_ key: String) async throws -> Item?
}
