import Foundation
import InterviewKit

// Intent: bridge the delegate into an AsyncThrowingStream. Only the newest reading matters,
// so the buffer is `.bufferingNewest(1)`: a slow consumer skips stale readings and memory
// stays bounded. The sensor holds delegates weakly, so the stream must keep ours alive: the
// `onTermination` closure holds it until the stream ends. That closure runs exactly once,
// whichever way the stream ends (the consumer breaks out of its loop, its task is cancelled,
// or the sensor fails), and it removes the delegate with its token. A sensor failure
// finishes the stream by throwing that error, so the consumer's loop rethrows it.

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
        // The consumer's `for try await` throws this error once the buffered reading is read.
        continuation.finish(throwing: error)
    }
}
