/// A stored value with the version it was written at (exercise `optimistic-update`).
public struct Versioned: Sendable, Equatable {
    /// The stored value.
    public let value: Int
    /// How many writes the key has seen; every successful write adds one.
    public let version: Int
    /// Creates a versioned value.
    public init(value: Int, version: Int) {
        self.value = value
        self.version = version
    }
}

/// Thrown by `VersionedStore.put` when the key's version is no longer the one the writer read.
public struct VersionConflict: Error, Sendable, Equatable {
    /// The key that was written.
    public let key: String
    /// The version the writer expected to replace.
    public let expected: Int
    /// The version the key actually had.
    public let actual: Int
    /// Creates the error.
    public init(key: String, expected: Int, actual: Int) {
        self.key = key
        self.expected = expected
        self.actual = actual
    }
}

/// Thrown when every allowed attempt at an update ran into a version conflict.
public struct TooManyConflicts: Error, Sendable, Equatable {
    /// The key that could not be updated.
    public let key: String
    /// How many attempts were made.
    public let attempts: Int
    /// Creates the error.
    public init(key: String, attempts: Int) {
        self.key = key
        self.attempts = attempts
    }
}

/// A key-value store that writes only if the key still has the version the writer read.
public protocol VersionedStore: Sendable {
    /// Reads the current value of `key` with its version.
    func get(_ key: String) async throws -> Versioned
    /// Writes `value` if `key` is still at `version`, and returns the new value (at `version + 1`);
    /// otherwise throws `VersionConflict`.
    func put(_ key: String, value: Int, ifVersion version: Int) async throws -> Versioned
}
