// expect: fail cancellation
import Foundation
import InterviewKit

// Intent: backpressure with a bounded FIFO buffer. A sender waits while the buffer is full
// and a receiver waits while it is empty; each parks on a continuation in a queue.

actor BoundedChannel<Element: Sendable> {
    private let capacity: Int
    private var buffer: [Element] = []
    private var senders: [(element: Element, continuation: CheckedContinuation<Void, any Error>)] = []
    private var receivers: [CheckedContinuation<Element?, Never>] = []
    private var closed = false

    init(capacity: Int) {
        self.capacity = capacity
    }

    func send(_ element: Element) async throws {
        guard !closed else { throw ChannelClosed() }
        if !receivers.isEmpty {
            receivers.removeFirst().resume(returning: element)
            return
        }
        if buffer.count < capacity {
            buffer.append(element)
            return
        }
        // Parked with no cancellation handler: a cancelled sender stays in the queue.
        try await withCheckedThrowingContinuation { continuation in
            senders.append((element, continuation))
        }
    }

    func receive() async -> Element? {
        if !buffer.isEmpty {
            let element = buffer.removeFirst()
            if !senders.isEmpty {
                let sender = senders.removeFirst()
                buffer.append(sender.element)
                sender.continuation.resume()
            }
            return element
        }
        if closed { return nil }
        // Same here: a cancelled receiver keeps its place and is handed an element later.
        return await withCheckedContinuation { continuation in
            receivers.append(continuation)
        }
    }

    func close() {
        closed = true
        for receiver in receivers { receiver.resume(returning: nil) }
        for sender in senders { sender.continuation.resume(throwing: ChannelClosed()) }
        receivers = []
        senders = []
    }
}
