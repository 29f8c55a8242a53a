import Foundation
import InterviewKit

// Intent: the classic bridge: AsyncThrowingStream's build closure registers a delegate that
// yields each reading into the continuation. Only the newest reading matters, so the buffer
// is `.bufferingNewest(1)` and a slow consumer skips stale readings. The sensor holds its
// delegates weakly: the `onTermination` handler captures ours strongly, which keeps it alive
// exactly as long as the stream, then removes it with its token. The handler runs once,
// however the stream ends: break, cancellation, or a failure finished with that error.

/// The sensor's readings as an async sequence, newest first when the consumer falls behind.
func readings(from sensor: some Sensor) -> AsyncThrowingStream<Reading, any Error> {
    AsyncThrowingStream(bufferingPolicy: .bufferingNewest(1)) { continuation in
        let forwarder = Forwarder(
            onReading: { continuation.yield($0) },
            onFailure: { continuation.finish(throwing: $0) })
        let token = sensor.addDelegate(forwarder)
        continuation.onTermination = { [forwarder] _ in
            sensor.removeDelegate(token)
            _ = forwarder  // held here until the stream ends
        }
    }
}

/// A delegate that hands each callback to a closure.
private final class Forwarder: SensorDelegate {
    private let onReading: @Sendable (Reading) -> Void
    private let onFailure: @Sendable (any Error) -> Void

    init(onReading: @escaping @Sendable (Reading) -> Void, onFailure: @escaping @Sendable (any Error) -> Void) {
        self.onReading = onReading
        self.onFailure = onFailure
    }

    func sensor(didProduce reading: Reading) { onReading(reading) }
    func sensor(didFailWith error: any Error) { onFailure(error) }
}
