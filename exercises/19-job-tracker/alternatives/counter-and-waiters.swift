import Foundation
import InterviewKit

// Intent: the tracker does not need task handles at all: it tracks jobs by counting them. submit
// starts each job in its own task and counts it as running before returning; the task reports
// back to the actor when the job ends, successfully or with an error, and the error is recorded,
// never lost. So a finished job leaves nothing behind: no handle, no closure. shutdown() refuses
// new jobs (ShutdownError), then waits until the count drains to zero, parked on a continuation
// that the last finishing job resumes, and returns every error.

/// Runs background jobs and keeps track of them until shutdown.
actor JobTracker {
    /// How many jobs are running right now.
    private(set) var running = 0
    private var errors: [any Error] = []
    private var isShutDown = false
    /// Shutdown calls waiting for the running jobs to drain.
    private var drainWaiters: [CheckedContinuation<Void, Never>] = []

    init() {}

    /// Starts `job` at once; throws `ShutdownError` once `shutdown()` has been called.
    func submit(_ job: @escaping @Sendable () async throws -> Void) throws {
        guard !isShutDown else { throw ShutdownError() }
        running += 1
        Task {
            do {
                try await job()
                self.jobEnded(nil)
            } catch {
                self.jobEnded(error)
            }
        }
    }

    /// Refuses new jobs, waits for every running job to finish, and returns all their errors.
    func shutdown() async -> [any Error] {
        isShutDown = true
        if running > 0 {
            await withCheckedContinuation { drainWaiters.append($0) }
        }
        return errors
    }

    private func jobEnded(_ error: (any Error)?) {
        running -= 1
        if let error { errors.append(error) }
        if running == 0 {
            let waiters = drainWaiters
            drainWaiters = []
            for waiter in waiters { waiter.resume() }
        }
    }
}
