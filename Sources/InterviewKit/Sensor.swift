/// One measurement a sensor produced (exercise `async-stream-bridge`).
public struct Reading: Sendable, Equatable {
    /// Its number: 1 for the first reading, then 2, 3, …
    public let sequence: Int
    /// The temperature measured.
    public let celsius: Double
    /// Creates a reading.
    public init(sequence: Int, celsius: Double) {
        self.sequence = sequence
        self.celsius = celsius
    }
}

/// Identifies one registered delegate, so that it can be removed again.
public struct DelegateToken: Sendable, Hashable {
    /// The sensor's number for the registration.
    public let id: Int
    /// Creates a token.
    public init(id: Int) { self.id = id }
}

/// What a sensor calls when it has news: a reading, or the failure that ends its readings.
public protocol SensorDelegate: AnyObject, Sendable {
    /// A new reading is ready.
    func sensor(didProduce reading: Reading)
    /// The sensor failed and will produce nothing more.
    func sensor(didFailWith error: any Error)
}

/// A delegate-style source of readings. It holds its delegates weakly, like most delegate APIs.
public protocol Sensor: AnyObject, Sendable {
    /// Starts telling `delegate` about readings; returns the token that removes it.
    func addDelegate(_ delegate: any SensorDelegate) -> DelegateToken
    /// Stops telling the delegate registered under `token` anything.
    func removeDelegate(_ token: DelegateToken)
}
