// expect: fail correctness
import Foundation
import InterviewKit

// Intent: the buffer never holds more than `capacity` elements, so memory stays bounded;
// when it is full the new element is dropped and the producer carries on.

actor BoundedChannel<Element: Sendable> {
    private let capacity: Int
    private var buffer: [Element] = []
    private var receivers: [(id: Int, continuation: CheckedContinuation<Element?, Never>)] = []
    private var closed = false
    private var nextID = 0

    init(capacity: Int) {
        self.capacity = capacity
    }

    func send(_ element: Element) async throws {
        guard !closed else { throw ChannelClosed() }
        if !receivers.isEmpty {
            receivers.removeFirst().continuation.resume(returning: element)
        } else if buffer.count < capacity {
            buffer.append(element)
        }
        // Full: the element is silently lost instead of the sender waiting.
    }

    func receive() async -> Element? {
        if !buffer.isEmpty { return buffer.removeFirst() }
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

    func close() {
        closed = true
        for receiver in receivers { receiver.continuation.resume(returning: nil) }
        receivers = []
    }

    private func cancelReceiver(_ id: Int) {
        if let index = receivers.firstIndex(where: { $0.id == id }) {
            receivers.remove(at: index).continuation.resume(returning: nil)
        }
    }
}
