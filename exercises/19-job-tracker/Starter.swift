import Foundation
import InterviewKit

// Intent: (say in a sentence or two why your code has the shape it has)

/// Runs background jobs and keeps track of them until shutdown.
actor JobTracker {
    /// How many jobs are running right now.
    private(set) var running = 0

    init() {}

    /// Starts `job` at once.
    func submit(_ job: @escaping @Sendable () async throws -> Void) throws {
        running += 1
        // Fire and forget: nobody hears about a failure, and nobody waits for the job.
        Task {
            try? await job()
            self.running -= 1
        }
    }

    /// Stops the tracker and returns the errors the jobs threw.
    func shutdown() async -> [any Error] {
        return []
    }
}
