import Foundation
import InterviewKit

// Intent: one long-lived runner task owns a discarding task group and starts every job as a
// child task as soon as submit hands it over through an AsyncStream; a finished child is
// discarded by the group, so the tracker keeps neither its task nor its closure. Each child
// reports its error to the actor before it ends, so no error is lost. shutdown() marks the
// tracker as shut (submit then throws ShutdownError and starts nothing), finishes the stream
// and awaits the runner, which ends only when every child has finished.

actor JobTracker {
    /// How many jobs are running right now.
    private(set) var running = 0
    private var errors: [any Error] = []
    private var isShut = false
    private let jobs: AsyncStream<@Sendable () async throws -> Void>
    private let inbox: AsyncStream<@Sendable () async throws -> Void>.Continuation
    private var runner: Task<Void, Never>?

    init() {
        (jobs, inbox) = AsyncStream<@Sendable () async throws -> Void>.makeStream()
    }

    /// Starts the runner that owns every job's child task (once).
    private func startRunner() {
        guard runner == nil else { return }
        let jobs = self.jobs
        runner = Task {
            await withDiscardingTaskGroup { group in
                for await job in jobs {
                    group.addTask {
                        var failure: (any Error)?
                        do { try await job() } catch { failure = error }
                        await self.jobEnded(failure)
                    }
                }
            }
        }
    }

    /// Starts `job` at once.
    func submit(_ job: @escaping @Sendable () async throws -> Void) throws {
        guard !isShut else { throw ShutdownError() }
        running += 1
        startRunner()
        inbox.yield(job)
    }

    fileprivate func jobEnded(_ error: (any Error)?) {
        running -= 1
        if let error { errors.append(error) }
    }

    /// Stops the tracker and returns the errors the jobs threw.
    func shutdown() async -> [any Error] {
        isShut = true
        inbox.finish()
        await runner?.value
        return errors
    }
}

