// expect: fail resources
import Foundation
import InterviewKit

// Intent: a FIFO buffer with waiting receivers. Sends never block, so producers stay fast;
// receivers wait while the buffer is empty and leave the queue when cancelled.

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
        } else {
            // The capacity is never checked: the buffer grows as fast as the producer sends.
            buffer.append(element)
        }
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
