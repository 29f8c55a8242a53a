// expect: fail cancellation
import Foundation
import InterviewKit

// Intent: remember the last `permits` grant times (a sliding window). Waiting callers queue up
// first come, first served; one timer task sleeps until the oldest grant expires and lets the
// next waiters in. A waiter checks for cancellation once it is let in.

actor RateLimiter<C: Clock> where C.Duration == Duration {
    private let permits: Int
    private let interval: Duration
    private let clock: C
    private var grants: [C.Instant] = []
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var timerRunning = false

    init(permits: Int, per interval: Duration, clock: C) {
        self.permits = permits
        self.interval = interval
        self.clock = clock
    }

    func acquire() async throws {
        if waiters.isEmpty && permitFree() {
            grants.append(clock.now)
            return
        }
        await withCheckedContinuation { continuation in
            waiters.append(continuation)
            startTimer()
        }
        // Too late: the permit was already counted for this caller when it was let in.
        try Task.checkCancellation()
    }

    private func permitFree() -> Bool {
        let now = clock.now
        grants.removeAll { $0.advanced(by: interval) <= now }
        return grants.count < permits
    }

    private func startTimer() {
        guard !timerRunning else { return }
        timerRunning = true
        Task { await self.serveWaiters() }
    }

    private func serveWaiters() async {
        while !waiters.isEmpty {
            if permitFree() {
                grants.append(clock.now)
                waiters.removeFirst().resume()
            } else {
                try? await clock.sleep(until: grants[0].advanced(by: interval), tolerance: nil)
            }
        }
        timerRunning = false
    }
}
