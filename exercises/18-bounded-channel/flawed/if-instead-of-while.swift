// expect: fail resources
import Foundation
import InterviewKit

// Intent: backpressure: a sender that finds the buffer full waits until a receiver makes
// room, then adds its element, so the buffer stays within capacity. Waiters are queued first
// in, first out; a cancelled waiter leaves the queue at once. close() wakes everyone:
// receivers get nil, waiting senders throw ChannelClosed.

actor BoundedChannel<Element: Sendable> {
    private let capacity: Int
    private var buffer: [Element] = []
    private var roomWaiters: [(id: Int, continuation: CheckedContinuation<Void, any Error>)] = []
    private var receivers: [(id: Int, continuation: CheckedContinuation<Element?, Never>)] = []
    private var closed = false
    private var nextID = 0

    init(capacity: Int) {
        self.capacity = capacity
    }

    func send(_ element: Element) async throws {
        guard !closed else { throw ChannelClosed() }
        // `if`, not `while`: once woken, the sender does not look again, although another
        // sender may have taken the free slot while this one waited to run.
        if receivers.isEmpty && buffer.count >= capacity {
            try await waitForRoom()
            guard !closed else { throw ChannelClosed() }
        }
        if !receivers.isEmpty {
            receivers.removeFirst().continuation.resume(returning: element)
        } else {
            buffer.append(element)
        }
    }

    func receive() async -> Element? {
        if !buffer.isEmpty {
            let element = buffer.removeFirst()
            if !roomWaiters.isEmpty { roomWaiters.removeFirst().continuation.resume() }
            return element
        }
        if !roomWaiters.isEmpty {
            // Capacity 0: wake a sender, which hands its element to the receiver queue below.
            roomWaiters.removeFirst().continuation.resume()
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

    func close() {
        guard !closed else { return }
        closed = true
        for receiver in receivers { receiver.continuation.resume(returning: nil) }
        for waiter in roomWaiters { waiter.continuation.resume(throwing: ChannelClosed()) }
        receivers = []
        roomWaiters = []
    }

    private func waitForRoom() async throws {
        let id = makeID()
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                roomWaiters.append((id, continuation))
            }
        } onCancel: {
            Task { await self.cancelWaiter(id) }
        }
    }

    private func makeID() -> Int {
        nextID += 1
        return nextID
    }

    private func cancelWaiter(_ id: Int) {
        if let index = roomWaiters.firstIndex(where: { $0.id == id }) {
            roomWaiters.remove(at: index).continuation.resume(throwing: CancellationError())
        }
    }

    private func cancelReceiver(_ id: Int) {
        if let index = receivers.firstIndex(where: { $0.id == id }) {
            receivers.remove(at: index).continuation.resume(returning: nil)
        }
    }
}
