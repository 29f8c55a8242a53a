import Foundation
import InterviewKit

// Intent: event-driven. I keep a sliding window of grant timestamps and a queue of parked callers
// in arrival order (first come, first served). Whenever something changes (a caller arrives, a
// waiter is cancelled, a permit frees) `serve()` grants permits to the front of the queue while
// the window has room, and if callers are still waiting it sets one wake-up timer for the exact
// moment the oldest grant leaves the window: a single sleep until then, never polling. A
// cancelled waiter leaves the queue at once, throws CancellationError and takes no permit.

/// Lets at most `permits` calls of `acquire()` complete in any window of length `interval`.
actor RateLimiter<C: Clock> where C.Duration == Duration {
    private let permits: Int
    private let interval: Duration
    private let clock: C
    private var grants: [C.Instant] = []
    private var waiting: [Int: CheckedContinuation<Void, any Error>] = [:]
    private var order: [Int] = []
    private var timer: (deadline: C.Instant, task: Task<Void, Never>)?
    private var nextTicket = 0

    init(permits: Int, per interval: Duration, clock: C) {
        self.permits = max(1, permits)
        self.interval = interval
        self.clock = clock
    }

    /// Returns once this caller may go ahead; throws `CancellationError` if cancelled first.
    func acquire() async throws {
        try Task.checkCancellation()
        let ticket = nextTicket
        nextTicket += 1
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                waiting[ticket] = continuation
                order.append(ticket)
                serve()
            }
        } onCancel: {
            Task { await self.withdraw(ticket) }
        }
    }

    /// Grants to the front of the queue while there is room, then arms the timer for the next free permit.
    private func serve() {
        let now = clock.now
        grants.removeAll { $0.advanced(by: interval) <= now }
        while grants.count < permits, !order.isEmpty {
            let ticket = order.removeFirst()
            grants.append(now)
            waiting.removeValue(forKey: ticket)?.resume()
        }
        guard !order.isEmpty else { return }
        let deadline = grants[0].advanced(by: interval)
        if let timer, timer.deadline == deadline { return }
        timer?.task.cancel()
        timer = (deadline, Task { [clock] in
            do {
                try await clock.sleep(until: deadline, tolerance: nil)
                self.timerFired(deadline)  // this task runs on the actor
            } catch {
                return  // replaced by a timer for another deadline
            }
        })
    }

    private func timerFired(_ deadline: C.Instant) {
        if timer?.deadline == deadline { timer = nil }
        serve()
    }

    /// A cancelled caller leaves the queue; the callers behind it move up.
    private func withdraw(_ ticket: Int) {
        guard let continuation = waiting.removeValue(forKey: ticket) else { return }
        order.removeAll { $0 == ticket }
        continuation.resume(throwing: CancellationError())
        if order.isEmpty {
            timer?.task.cancel()
            timer = nil
        }
    }
}
