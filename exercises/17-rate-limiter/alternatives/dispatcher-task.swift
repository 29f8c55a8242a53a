import Foundation
import InterviewKit

// Intent: a sliding window of grant times plus a FIFO queue of parked callers. When a caller
// cannot go at once, it joins the queue (first come, first served: a newcomer never jumps ahead
// of callers already waiting) and a single dispatcher task hands out permits in arrival order: it
// grants while the window has room and otherwise sleeps until the exact moment the oldest grant
// leaves the window, so nothing polls. A cancelled waiter is taken out of the queue at once and
// throws CancellationError without using a permit. The dispatcher stops when the queue is empty.

/// Lets at most `permits` calls of `acquire()` complete in any window of length `interval`.
actor RateLimiter<C: Clock> where C.Duration == Duration {
    private let permits: Int
    private let interval: Duration
    private let clock: C
    /// When the grants still inside the window happened, oldest first.
    private var grants: [C.Instant] = []
    /// Parked callers in arrival order.
    private var queue: [(id: Int, continuation: CheckedContinuation<Void, any Error>)] = []
    private var dispatcher: Task<Void, Never>?
    private var nextID = 0

    init(permits: Int, per interval: Duration, clock: C) {
        self.permits = max(1, permits)
        self.interval = interval
        self.clock = clock
    }

    /// Returns once this caller may go ahead; throws `CancellationError` if cancelled first.
    func acquire() async throws {
        try Task.checkCancellation()
        if queue.isEmpty && hasRoom() {
            grants.append(clock.now)
            return
        }
        let id = nextID
        nextID += 1
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                queue.append((id, continuation))
                if dispatcher == nil {
                    dispatcher = Task { await self.dispatch() }
                }
            }
        } onCancel: {
            Task { await self.cancelWaiter(id) }
        }
    }

    /// Grants permits to the queue in order, sleeping until each next permit frees.
    private func dispatch() async {
        while let first = queue.first {
            if hasRoom() {
                queue.removeFirst()
                grants.append(clock.now)
                first.continuation.resume()
            } else {
                // Nobody cancels the dispatcher; if the clock's sleep throws, we simply look again.
                try? await clock.sleep(until: grants[0].advanced(by: interval), tolerance: nil)
            }
        }
        dispatcher = nil
    }

    /// Removes a cancelled caller from the queue and wakes it with `CancellationError`.
    private func cancelWaiter(_ id: Int) {
        guard let index = queue.firstIndex(where: { $0.id == id }) else { return }
        queue.remove(at: index).continuation.resume(throwing: CancellationError())
    }

    /// Whether a grant now keeps at most `permits` grants in the last `interval`.
    private func hasRoom() -> Bool {
        let now = clock.now
        grants.removeAll { $0.advanced(by: interval) <= now }
        return grants.count < permits
    }
}
