import Foundation
import InterviewKit
import Synchronization

// Intent: one object owns the whole subscription: it registers itself as the delegate, feeds
// a stream whose buffer keeps only the newest reading (`.bufferingNewest(1)`), and knows how
// to unregister. The stream's `onTermination` holds the subscription, so the weakly held
// delegate stays alive exactly as long as the stream, and calls `end()`, which removes the
// delegate with its token. The token sits in a Mutex and is taken out once, so the delegate
// is removed exactly once whichever way the stream ends. A sensor failure finishes the
// stream with that error, which the consumer's loop rethrows.

/// The sensor's readings as an async sequence, newest first when the consumer falls behind.
func readings(from sensor: some Sensor) -> AsyncThrowingStream<Reading, any Error> {
    let (stream, continuation) = AsyncThrowingStream.makeStream(
        of: Reading.self, throwing: (any Error).self, bufferingPolicy: .bufferingNewest(1))
    let subscription = Subscription(continuation)
    subscription.start(on: sensor)
    continuation.onTermination = { _ in subscription.end() }
    return stream
}

/// A registration with a sensor that forwards its readings into a stream.
private final class Subscription: SensorDelegate {
    private let continuation: AsyncThrowingStream<Reading, any Error>.Continuation
    /// How to unregister, until it has been done.
    private let unregister = Mutex<(@Sendable () -> Void)?>(nil)

    init(_ continuation: AsyncThrowingStream<Reading, any Error>.Continuation) {
        self.continuation = continuation
    }

    func start(on sensor: some Sensor) {
        let token = sensor.addDelegate(self)
        unregister.withLock { $0 = { sensor.removeDelegate(token) } }
    }

    /// Removes the delegate; later calls do nothing.
    func end() {
        let remove = unregister.withLock { action in
            defer { action = nil }
            return action
        }
        remove?()
    }

    func sensor(didProduce reading: Reading) {
        continuation.yield(reading)
    }

    func sensor(didFailWith error: any Error) {
        continuation.finish(throwing: error)
    }
}
