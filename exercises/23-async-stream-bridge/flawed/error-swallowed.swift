// expect: fail errors
import Foundation
import InterviewKit

// Intent: bridge the delegate into an AsyncThrowingStream that buffers only the newest
// reading. The onTermination closure keeps the weakly held delegate alive and removes it
// with its token once, however the stream ends. When the sensor fails, the stream finishes.

/// The sensor's readings as an async sequence, newest first when the consumer falls behind.
func readings(from sensor: some Sensor) -> AsyncThrowingStream<Reading, any Error> {
    let (stream, continuation) = AsyncThrowingStream.makeStream(
        of: Reading.self, throwing: (any Error).self, bufferingPolicy: .bufferingNewest(1))
    let delegate = StreamingDelegate(continuation)
    let token = sensor.addDelegate(delegate)
    continuation.onTermination = { _ in
        // Called once when the stream ends for any reason; until then it keeps `delegate` alive.
        withExtendedLifetime(delegate) {
            sensor.removeDelegate(token)
        }
    }
    return stream
}

/// Forwards the sensor's callbacks into the stream.
private final class StreamingDelegate: SensorDelegate {
    private let continuation: AsyncThrowingStream<Reading, any Error>.Continuation

    init(_ continuation: AsyncThrowingStream<Reading, any Error>.Continuation) {
        self.continuation = continuation
    }

    func sensor(didProduce reading: Reading) {
        continuation.yield(reading)
    }

    func sensor(didFailWith error: any Error) {
        // The sensor is done: end the consumer's loop.
        continuation.finish()
    }
}
