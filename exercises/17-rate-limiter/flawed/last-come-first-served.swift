// expect: fail concurrency
import Foundation
import InterviewKit

// Intent: remember the last `permits` grant times (a sliding window). Waiting callers park on
// a continuation; one timer task sleeps until the oldest grant expires and lets the waiters in.
// The newest waiter goes first, since it is the one most likely to still care.

actor RateLimiter<C: Clock> where C.Duration == Duration {
    private let permits: Int
    private let interval: Duration
    private let clock: C
    private var grants: [C.Instant] = []
    private var waiters: [(id: Int, continuation: CheckedContinuation<Void, any Error>)] = []
    private var timerRunning = false
    private var nextID = 0

    init(permits: Int, per interval: Duration, clock: C) {
        self.permits = permits
        self.interval = interval
        self.clock = clock
    }

    func acquire() async throws {
        try Task.checkCancellation()
        if waiters.isEmpty && permitFree() {
            grants.append(clock.now)
            return
        }
        let id = nextID
        nextID += 1
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                waiters.append((id, continuation))
                startTimer()
            }
        } onCancel: {
            Task { await self.cancel(id) }
        }
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
                // Last come, first served: the newest waiter is taken from the end.
                let waiter = waiters.removeLast()
                grants.append(clock.now)
                waiter.continuation.resume()
            } else {
                try? await clock.sleep(until: grants[0].advanced(by: interval), tolerance: nil)
            }
        }
        timerRunning = false
    }

    private func cancel(_ id: Int) {
        if let index = waiters.firstIndex(where: { $0.id == id }) {
            waiters.remove(at: index).continuation.resume(throwing: CancellationError())
        }
    }
}
