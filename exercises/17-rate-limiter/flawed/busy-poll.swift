// expect: fail resources
import Foundation
import InterviewKit

// Intent: a sliding window of the last `permits` grant times and a first-come, first-served
// line of tickets. Each waiter checks every 10 ms whether it is at the front and a permit is free.

actor RateLimiter<C: Clock> where C.Duration == Duration {
    private let permits: Int
    private let interval: Duration
    private let clock: C
    private var grants: [C.Instant] = []
    private var line: [Int] = []
    private var nextTicket = 0

    init(permits: Int, per interval: Duration, clock: C) {
        self.permits = permits
        self.interval = interval
        self.clock = clock
    }

    func acquire() async throws {
        try Task.checkCancellation()
        let ticket = nextTicket
        nextTicket += 1
        line.append(ticket)
        defer { line.removeAll { $0 == ticket } }
        // Polling: wakes up 100 times a second per waiter, whether or not anything changed.
        while !(line.first == ticket && permitFree()) {
            try await clock.sleep(for: .milliseconds(10))
        }
        grants.append(clock.now)
    }

    private func permitFree() -> Bool {
        let now = clock.now
        grants.removeAll { $0.advanced(by: interval) <= now }
        return grants.count < permits
    }
}
