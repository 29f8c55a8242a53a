import Foundation
import InterviewKit

// Intent: backpressure with counted slots, like an async semaphore. A sender needs a free slot:
// the buffer holds at most `capacity` elements, counting slots already promised to woken senders.
// A sender that finds none suspends in a first-in, first-out queue; each time a receive frees a
// slot, the first waiting sender is woken with that slot reserved for it, so a newcomer can never
// take it and the elements keep their order. Receivers wait while the buffer is empty. close()
// makes send throw ChannelClosed (waiting senders too) and lets receivers drain the buffer, then
// get nil. A cancelled waiter leaves its queue at once and is never resumed again.

/// A first-in, first-out channel that holds at most `capacity` elements (at least one).
actor BoundedChannel<Element: Sendable> {
    private let capacity: Int
    private var buffer: [Element] = []
    /// Slots handed to woken senders that have not put their element in yet.
    private var reserved = 0
    private var senders: [(id: Int, continuation: CheckedContinuation<Void, any Error>)] = []
    private var receivers: [(id: Int, continuation: CheckedContinuation<Element?, Never>)] = []
    private var closed = false
    private var nextID = 0

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Adds `element`, waiting while the buffer is full; throws `ChannelClosed` once closed.
    func send(_ element: Element) async throws {
        guard !closed else { throw ChannelClosed() }
        if senders.isEmpty && buffer.count + reserved < capacity {
            put(element)
            return
        }
        nextID += 1
        let id = nextID
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                senders.append((id, continuation))
            }
        } onCancel: {
            Task { await self.cancelSender(id) }
        }
        // Woken with a slot reserved for this element.
        reserved -= 1
        put(element)
    }

    /// The oldest element, waiting while the buffer is empty; nil once closed and drained
    /// (or when the caller is cancelled while waiting).
    func receive() async -> Element? {
        if !buffer.isEmpty {
            let element = buffer.removeFirst()
            wakeSenders()
            return element
        }
        if closed { return nil }
        nextID += 1
        let id = nextID
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                receivers.append((id, continuation))
            }
        } onCancel: {
            Task { await self.cancelReceiver(id) }
        }
    }

    /// Stops new sends; waiting receivers get nil, waiting senders get `ChannelClosed`.
    func close() {
        guard !closed else { return }
        closed = true
        let (waitingReceivers, waitingSenders) = (receivers, senders)
        receivers = []
        senders = []
        for receiver in waitingReceivers { receiver.continuation.resume(returning: nil) }
        for sender in waitingSenders { sender.continuation.resume(throwing: ChannelClosed()) }
    }

    /// Hands `element` to the first waiting receiver, or buffers it.
    private func put(_ element: Element) {
        if receivers.isEmpty {
            buffer.append(element)
        } else {
            receivers.removeFirst().continuation.resume(returning: element)
            wakeSenders()
        }
    }

    /// Gives every free slot to the next waiting sender, in order.
    private func wakeSenders() {
        while !senders.isEmpty && buffer.count + reserved < capacity {
            reserved += 1
            senders.removeFirst().continuation.resume()
        }
    }

    private func cancelSender(_ id: Int) {
        guard let index = senders.firstIndex(where: { $0.id == id }) else { return }
        senders.remove(at: index).continuation.resume(throwing: CancellationError())
    }

    private func cancelReceiver(_ id: Int) {
        guard let index = receivers.firstIndex(where: { $0.id == id }) else { return }
        receivers.remove(at: index).continuation.resume(returning: nil)
    }
}
