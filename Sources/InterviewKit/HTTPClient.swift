import Foundation

/// Something that can fetch the body at a URL; the fakes in the hidden suites conform to it.
public protocol HTTPClient: Sendable {
    /// Fetches the body at `url`, or throws the transport's error.
    func get(_ url: URL) async throws -> Data
}

/// Thrown when an operation did not finish before its deadline.
public struct TimeoutError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Creates the error.
    public init() {}
    /// A short description for messages.
    public var description: String { "TimeoutError" }
}
