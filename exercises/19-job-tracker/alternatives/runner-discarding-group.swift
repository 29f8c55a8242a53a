import Foundation
import InterviewKit

// Intent: one long-lived runner task owns a discarding task group fed by an AsyncStream of jobs:
// submit counts the job as running and hands it to the stream, and the runner adds it to the group
// at once, so jobs run concurrently and a finished child is discarded by the group: the tracker
// keeps no handle or closure for it. Each job reports its end to the actor, which records every
// error. shutdown() refuses new jobs (ShutdownError), finishes the stream and waits for the runner,
// which only ends once the group has drained every job, then returns the errors.

/// Runs background jobs and keeps track of them until shutdown.
actor JobTracker {
    private typealias Job = @Sendable () async -> Void

    /// How many jobs are running right now.
    private(set) var running = 0
    private var errors: [any Error] = []
    private var isShutDown = false
    private let jobs: AsyncStream<Job>.Continuation
    private let runner: Task<Void, Never>

    init() {
        let (stream, jobs) = AsyncStream.makeStream(of: Job.self)
        self.jobs = jobs
        runner = Task {
            await withDiscardingTaskGroup { group in
                for await job in stream {
                    group.addTask { await job() }
                }
            }
        }
    }

    /// Starts `job` at once; throws `ShutdownError` once `shutdown()` has been called.
    func submit(_ job: @escaping @Sendable () async throws -> Void) throws {
        guard !isShutDown else { throw ShutdownError() }
        running += 1
        jobs.yield { [self] in
            do {
                try await job()
                await jobEnded(nil)
            } catch {
                await jobEnded(error)
            }
        }
    }

    /// Refuses new jobs, waits for every running job to finish, and returns all their errors.
    func shutdown() async -> [any Error] {
        isShutDown = true
        jobs.finish()
        await runner.value
        return errors
    }

    private func jobEnded(_ error: (any Error)?) {
        running -= 1
        if let error { errors.append(error) }
    }
}
