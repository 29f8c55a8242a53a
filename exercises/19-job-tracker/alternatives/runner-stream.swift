import Foundation
import InterviewKit

// Intent: one long-lived runner task, started in init, owns a discarding task group and
// feeds it from an AsyncStream: submit yields the job into the stream and the runner adds it
// to the group at once, so every job is tracked by structured concurrency while it runs and
// forgotten by the group as soon as it finishes (no handle per job). Every error is recorded
// through the actor. shutdown refuses new jobs, finishes the stream and waits for the runner,
// which returns only when every job in its group has finished, then returns the errors.

/// Runs background jobs in one task group owned by a long-lived runner task.
actor JobTracker {
    private typealias Work = @Sendable () async -> Void

    /// Where submitted work goes; the runner takes it from there.
    private let inbox: AsyncStream<Work>.Continuation
    /// The one task that runs every job, as a child of its group.
    private let runner: Task<Void, Never>
    private var errors: [any Error] = []
    private var isShutDown = false

    /// Jobs submitted and not yet finished.
    private(set) var running = 0

    init() {
        let (work, inbox) = AsyncStream.makeStream(of: Work.self)
        self.inbox = inbox
        runner = Task {
            await withDiscardingTaskGroup { group in
                for await job in work {
                    group.addTask { await job() }
                }
            }
        }
    }

    /// Starts `job` at once; throws `ShutdownError` once `shutdown()` has been called.
    func submit(_ job: @escaping @Sendable () async throws -> Void) throws {
        guard !isShutDown else { throw ShutdownError() }
        running += 1
        inbox.yield { [self] in
            do {
                try await job()
            } catch {
                await record(error)
            }
            await finished()
        }
    }

    /// Refuses new jobs, waits for every running job to finish, and returns all their errors.
    func shutdown() async -> [any Error] {
        isShutDown = true
        inbox.finish()
        await runner.value
        return errors
    }

    private func record(_ error: any Error) {
        errors.append(error)
    }

    private func finished() {
        running -= 1
    }
}
