import Foundation
import InterviewKit

// Intent: one FIFO queue of every element sent and not yet received, in order. The first
// `capacity` entries are the buffer; any entry beyond that belongs to a sender that is still
// waiting, suspended on its continuation. That wait is the backpressure: the queue holds at most
// `capacity` accepted elements, and when a receive takes the front entry, the entry that moves
// into the buffer has its sender resumed. Receivers wait in their own queue while it is empty.
// Each waiter is resumed exactly once: by the other side, by close() (receivers get nil, waiting
// senders ChannelClosed, the buffer still drains), or by cancellation, which removes it at once.

/// A first-in, first-out channel that holds at most `capacity` elements.
actor BoundedChannel<Element: Sendable> {
    private struct Entry {
        let id: Int
        let element: Element
        /// Set while the entry is beyond the buffer and its sender is waiting.
        var sender: CheckedContinuation<Void, any Error>?
    }

    private let capacity: Int
    private var entries: [Entry] = []
    private var receivers: [(id: Int, continuation: CheckedContinuation<Element?, Never>)] = []
    private var closed = false
    private var nextID = 0

    init(capacity: Int) {
        self.capacity = max(0, capacity)
    }

    /// Adds `element`, waiting while the buffer is full; throws `ChannelClosed` once closed.
    func send(_ element: Element) async throws {
        guard !closed else { throw ChannelClosed() }
        if !receivers.isEmpty {
            receivers.removeFirst().continuation.resume(returning: element)
            return
        }
        let id = makeID()
        guard entries.count >= capacity else {
            entries.append(Entry(id: id, element: element))
            return
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                entries.append(Entry(id: id, element: element, sender: continuation))
            }
        } onCancel: {
            Task { await self.cancelSender(id) }
        }
    }

    /// The oldest element, waiting while the channel is empty; nil once closed and drained
    /// (or when the caller is cancelled while waiting).
    func receive() async -> Element? {
        if !entries.isEmpty {
            let first = entries.removeFirst()
            // A sender whose entry was beyond the buffer: its element is taken or now buffered.
            first.sender?.resume()
            if entries.count >= capacity, capacity > 0 {
                entries[capacity - 1].sender.take()?.resume()
            }
            return first.element
        }
        if closed { return nil }
        let id = makeID()
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
        let waitingReceivers = receivers
        receivers = []
        for receiver in waitingReceivers { receiver.continuation.resume(returning: nil) }
        let waitingSenders = entries.filter { $0.sender != nil }
        entries.removeAll { $0.sender != nil }
        for entry in waitingSenders { entry.sender?.resume(throwing: ChannelClosed()) }
    }

    private func makeID() -> Int {
        nextID += 1
        return nextID
    }

    /// A cancelled sender's entry leaves the queue; its element is never delivered.
    private func cancelSender(_ id: Int) {
        guard let index = entries.firstIndex(where: { $0.id == id }), let sender = entries[index].sender else { return }
        entries.remove(at: index)
        sender.resume(throwing: CancellationError())
    }

    /// A cancelled receiver leaves its queue and gets nil.
    private func cancelReceiver(_ id: Int) {
        guard let index = receivers.firstIndex(where: { $0.id == id }) else { return }
        receivers.remove(at: index).continuation.resume(returning: nil)
    }
}
