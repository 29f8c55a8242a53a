import Foundation
import InterviewKit

// Intent: (say in a sentence or two why your code has the shape it has)

/// A first-in, first-out channel that should hold at most `capacity` elements.
actor BoundedChannel<Element: Sendable> {
    private let capacity: Int
    private var buffer: [Element] = []
    private var receivers: [CheckedContinuation<Element?, Never>] = []
    private var closed = false

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Adds `element` to the channel.
    func send(_ element: Element) async throws {
        guard !closed else { throw ChannelClosed() }
        if !receivers.isEmpty {
            receivers.removeFirst().resume(returning: element)
        } else {
            // Never waits: however fast the producer, everything piles up here.
            buffer.append(element)
        }
    }

    /// The oldest element, waiting while the channel is empty; nil once closed and drained.
    func receive() async -> Element? {
        if !buffer.isEmpty { return buffer.removeFirst() }
        if closed { return nil }
        return await withCheckedContinuation { continuation in
            receivers.append(continuation)
        }
    }

    /// Stops new sends and wakes every waiting receiver with nil.
    func close() {
        closed = true
        for receiver in receivers { receiver.resume(returning: nil) }
        receivers = []
    }
}
