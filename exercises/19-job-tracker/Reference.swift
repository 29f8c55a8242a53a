import Foundation
import InterviewKit

// Intent: every job runs at once in its own task, and the tracker accounts for all of them:
// it keeps each task's handle only while the job is running (a finished job removes its own
// handle, so a long-lived tracker does not grow), records every error instead of losing it,
// and shutdown() first refuses new jobs, then waits until every job still running has
// finished before it returns the errors. Nothing is fire-and-forget.

/// Runs background jobs and keeps track of them until shutdown.
actor JobTracker {
    /// Handles of the jobs still running, by id; a job removes its own when it finishes.
    private var tasks: [Int: Task<Void, Never>] = [:]
    /// Every error a job has thrown, in the order they happened.
    private var errors: [any Error] = []
    private var isShutDown = false
    private var nextID = 0

    init() {}

    /// How many jobs are running right now.
    var running: Int { tasks.count }

    /// Starts `job` at once; throws `ShutdownError` once `shutdown()` has been called.
    func submit(_ job: @escaping @Sendable () async throws -> Void) throws {
        guard !isShutDown else { throw ShutdownError() }
        let id = nextID
        nextID += 1
        // The task needs the actor to report back, so it cannot finish before it is stored.
        tasks[id] = Task {
            var failure: (any Error)?
            do {
                try await job()
            } catch {
                failure = error
            }
            self.finished(id, failure)
        }
    }

    /// Refuses new jobs, waits for every running job to finish, and returns all their errors.
    func shutdown() async -> [any Error] {
        isShutDown = true
        // Each finished job removes its handle, so this loop ends once all are done.
        while let task = tasks.values.first {
            await task.value
        }
        return errors
    }

    private func finished(_ id: Int, _ error: (any Error)?) {
        tasks[id] = nil
        if let error { errors.append(error) }
    }
}
