// expect: fail resources
import Foundation
import InterviewKit

// Intent: bridge the delegate into an AsyncThrowingStream with a buffer of one reading, so
// memory stays bounded when the consumer is slow. The onTermination closure keeps the weakly
// held delegate alive and removes it with its token once, however the stream ends; a sensor
// failure finishes the stream with that error.

/// The sensor's readings as an async sequence, newest first when the consumer falls behind.
func readings(from sensor: some Sensor) -> AsyncThrowingStream<Reading, any Error> {
    let (stream, continuation) = AsyncThrowingStream.makeStream(
        of: Reading.self, throwing: (any Error).self, bufferingPolicy: .bufferingOldest(1))
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
        // The consumer's `for try await` throws this error once the buffered reading is read.
        continuation.finish(throwing: error)
    }
}
