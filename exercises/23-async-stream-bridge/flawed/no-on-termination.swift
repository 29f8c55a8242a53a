// expect: fail cancellation
import Foundation
import InterviewKit
import Synchronization

// Intent: bridge the delegate into an AsyncThrowingStream that buffers only the newest
// reading. The sensor holds delegates weakly, so the delegate keeps itself alive until the
// sensor fails; then it finishes the stream with that error and removes itself with its token.

/// The sensor's readings as an async sequence, newest first when the consumer falls behind.
func readings(from sensor: some Sensor) -> AsyncThrowingStream<Reading, any Error> {
    let (stream, continuation) = AsyncThrowingStream.makeStream(
        of: Reading.self, throwing: (any Error).self, bufferingPolicy: .bufferingNewest(1))
    let delegate = StreamingDelegate(continuation)
    delegate.start(on: sensor)
    return stream
}

/// Forwards the sensor's callbacks into the stream; alive until the sensor fails.
private final class StreamingDelegate: SensorDelegate {
    private let continuation: AsyncThrowingStream<Reading, any Error>.Continuation
    /// Itself and how to unregister, while registered.
    private let registration = Mutex<(self: StreamingDelegate, remove: @Sendable () -> Void)?>(nil)

    init(_ continuation: AsyncThrowingStream<Reading, any Error>.Continuation) {
        self.continuation = continuation
    }

    func start(on sensor: some Sensor) {
        let token = sensor.addDelegate(self)
        registration.withLock { $0 = (self, { sensor.removeDelegate(token) }) }
    }

    func sensor(didProduce reading: Reading) {
        continuation.yield(reading)
    }

    func sensor(didFailWith error: any Error) {
        continuation.finish(throwing: error)
        let ended = registration.withLock { registration in
            defer { registration = nil }
            return registration
        }
        ended?.remove()
    }
}
