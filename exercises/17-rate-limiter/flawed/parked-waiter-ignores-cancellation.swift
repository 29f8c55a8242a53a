// expect: fail cancellation
import Foundation
import InterviewKit

// Intent: a sliding window. I remember when the last `permits` grants happened; a call may
// complete once the oldest of them is a full interval old. Callers queue in arrival order
// (first come, first served) and a newcomer never jumps the queue. Only the caller at the
// front sleeps, and it sleeps until the exact moment the oldest grant leaves the window,
// so there is no polling; the others park on a continuation until they reach the front.
// A cancelled waiter leaves the queue at once, throws CancellationError and takes no permit.

/// Lets at most `permits` calls of `acquire()` complete in any window of length `interval`.
actor RateLimiter<C: Clock> where C.Duration == Duration {
    private let permits: Int
    private let interval: Duration
    private let clock: C
    /// When the most recent grants happened, oldest first: never more than `permits` of them.
    private var grants: [C.Instant] = []
    /// Tickets of the callers still waiting, in arrival order. Only the first one sleeps.
    private var line: [Int] = []
    /// The callers behind the first, parked until they reach the front (or are cancelled).
    private var parked: [Int: CheckedContinuation<Void, any Error>] = [:]
    private var nextTicket = 0

    init(permits: Int, per interval: Duration, clock: C) {
        precondition(permits > 0, "a rate limiter needs at least one permit")
        self.permits = permits
        self.interval = interval
        self.clock = clock
    }

    /// Returns once this caller may go ahead; throws `CancellationError` if cancelled first.
    func acquire() async throws {
        try Task.checkCancellation()
        // Fast path: nobody is waiting and the window has room.
        if line.isEmpty && permitFree() {
            grants.append(clock.now)
            return
        }
        let ticket = nextTicket
        nextTicket += 1
        line.append(ticket)
        do {
            if line.first != ticket {
                try await waitForTurn(ticket)
            }
            // At the front: sleep until the oldest grant leaves the window, then take a permit.
            while true {
                try Task.checkCancellation()
                if permitFree() { break }
                try await clock.sleep(until: grants[0].advanced(by: interval), tolerance: nil)
            }
            grants.append(clock.now)
            leave(ticket)
        } catch {
            // Cancelled while waiting: give up our place without taking a permit.
            leave(ticket)
            throw error
        }
    }

    /// Whether a grant now would keep at most `permits` grants in the last `interval`.
    private func permitFree() -> Bool {
        let now = clock.now
        grants.removeAll { $0.advanced(by: interval) <= now }
        return grants.count < permits
    }

    /// Parks the caller until the one in front of it leaves the line.
    private func waitForTurn(_ ticket: Int) async throws {
        // Cancellation is checked once we reach the front of the line.
        try await withCheckedThrowingContinuation { continuation in
            parked[ticket] = continuation
        }
    }

    /// Wakes a parked caller with `CancellationError`, if it is still parked.
    private func cancelWaiting(_ ticket: Int) {
        parked.removeValue(forKey: ticket)?.resume(throwing: CancellationError())
    }

    /// Removes `ticket` from the line; if it was at the front, the next caller takes its place.
    private func leave(_ ticket: Int) {
        let wasFirst = line.first == ticket
        line.removeAll { $0 == ticket }
        if wasFirst, let next = line.first {
            parked.removeValue(forKey: next)?.resume()
        }
    }
}
