// expect: fail errors
import Foundation
import InterviewKit

// Intent: backpressure. The buffer never holds more than `capacity` elements: a sender that
// finds it full suspends until a receiver makes room, so a fast producer is slowed to the
// pace of its consumers instead of piling up memory. Receivers wait while the buffer is
// empty. Waiters are queued first in, first out and each is resumed exactly once: by the
// other side, by close(), or by cancellation, which removes it from the queue at once.
// After close(), send throws ChannelClosed and receive drains what is left, then returns nil.

/// A first-in, first-out channel that holds at most `capacity` elements.
actor BoundedChannel<Element: Sendable> {
    private struct Sender {
        let id: Int
        let element: Element
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct Receiver {
        let id: Int
        let continuation: CheckedContinuation<Element?, Never>
    }

    private let capacity: Int
    private var buffer: [Element] = []
    private var senders: [Sender] = []
    private var receivers: [Receiver] = []
    private var closed = false
    private var nextID = 0

    init(capacity: Int) {
        self.capacity = max(0, capacity)
    }

    /// Adds `element`, waiting while the buffer is full; throws `ChannelClosed` once closed.
    func send(_ element: Element) async throws {
        guard !closed else { throw ChannelClosed() }
        if !receivers.isEmpty {
            // Someone is already waiting: hand the element straight over.
            receivers.removeFirst().continuation.resume(returning: element)
            return
        }
        if buffer.count < capacity {
            buffer.append(element)
            return
        }
        // Full: wait for a receiver to take our element (this is the backpressure).
        let id = makeID()
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                senders.append(Sender(id: id, element: element, continuation: continuation))
            }
        } onCancel: {
            Task { await self.cancelSender(id) }
        }
    }

    /// The oldest element, waiting while the buffer is empty; nil once closed and drained
    /// (or when the caller is cancelled while waiting).
    func receive() async -> Element? {
        if !buffer.isEmpty {
            let element = buffer.removeFirst()
            // A slot is free: the longest-waiting sender's element moves into the buffer.
            if !senders.isEmpty {
                let sender = senders.removeFirst()
                buffer.append(sender.element)
                sender.continuation.resume()
            }
            return element
        }
        if !senders.isEmpty {
            // Capacity 0: take the element directly from a waiting sender.
            let sender = senders.removeFirst()
            sender.continuation.resume()
            return sender.element
        }
        if closed { return nil }
        let id = makeID()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                receivers.append(Receiver(id: id, continuation: continuation))
            }
        } onCancel: {
            Task { await self.cancelReceiver(id) }
        }
    }

    /// Stops new sends; waiting receivers get nil, waiting senders get `ChannelClosed`.
    func close() {
        guard !closed else { return }
        closed = true
        let waitingReceivers = receivers
        receivers = []
        for receiver in waitingReceivers { receiver.continuation.resume(returning: nil) }
    }

    private func makeID() -> Int {
        nextID += 1
        return nextID
    }

    /// A cancelled sender leaves the queue (its element is never delivered) and throws.
    private func cancelSender(_ id: Int) {
        guard let index = senders.firstIndex(where: { $0.id == id }) else { return }
        senders.remove(at: index).continuation.resume(throwing: CancellationError())
    }

    /// A cancelled receiver leaves the queue and gets nil.
    private func cancelReceiver(_ id: Int) {
        guard let index = receivers.firstIndex(where: { $0.id == id }) else { return }
        receivers.remove(at: index).continuation.resume(returning: nil)
    }
}
