// expect: fail correctness cancellation
import Foundation
import InterviewKit

// Intent: three per second means one every third of a second, so every call waits its share
// of the interval before going ahead.

actor RateLimiter<C: Clock> where C.Duration == Duration {
    private let permits: Int
    private let interval: Duration
    private let clock: C

    init(permits: Int, per interval: Duration, clock: C) {
        self.permits = permits
        self.interval = interval
        self.clock = clock
    }

    func acquire() async throws {
        // A fixed pause per call: no burst allowed, and concurrent callers all pause together.
        try await clock.sleep(for: interval / permits)
    }
}
