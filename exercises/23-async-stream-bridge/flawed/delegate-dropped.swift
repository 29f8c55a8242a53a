// expect: fail correctness errors resources cancellation
import Foundation
import InterviewKit

// Intent: wrap the delegate in an AsyncThrowingStream: the delegate yields each reading into
// the continuation and finishes the stream when the sensor fails.

/// The sensor's readings as an async sequence.
func readings(from sensor: some Sensor) -> AsyncThrowingStream<Reading, any Error> {
    AsyncThrowingStream { continuation in
        let delegate = StreamingDelegate(continuation)
        _ = sensor.addDelegate(delegate)
    }
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
        continuation.finish()
    }
}
