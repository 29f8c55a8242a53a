import Foundation
import InterviewKit

// Intent: (say in a sentence or two why your code has the shape it has)

/// Lets at most `permits` calls of `acquire()` complete in any window of length `interval`.
actor RateLimiter<C: Clock> where C.Duration == Duration {
    private let permits: Int
    private let interval: Duration
    private let clock: C
    private var used = 0

    init(permits: Int, per interval: Duration, clock: C) {
        self.permits = permits
        self.interval = interval
        self.clock = clock
    }

    /// Returns once this caller may go ahead.
    func acquire() async throws {
        if used == permits {
            // Out of permits: wait one interval, then start counting again.
            try await clock.sleep(for: interval)
            used = 0
        }
        used += 1
    }
}
