// expect: fail resources
import Foundation
import InterviewKit

// Intent: every job runs at once in its own task; the tracker keeps each handle while the job
// runs and the job removes it when it is done. Errors are recorded for shutdown, which refuses
// new jobs and waits for every job still running.

actor JobTracker {
    private var tasks: [Int: Task<Void, Never>] = [:]
    private var errors: [any Error] = []
    private var isShutDown = false
    private var nextID = 0

    init() {}

    var running: Int { tasks.count }

    func submit(_ job: @escaping @Sendable () async throws -> Void) throws {
        guard !isShutDown else { throw ShutdownError() }
        let id = nextID
        nextID += 1
        tasks[id] = Task {
            do {
                try await job()
                self.tasks[id] = nil
            } catch {
                // Recorded, but the handle stays: only a job that succeeds removes itself.
                self.errors.append(error)
            }
        }
    }

    func shutdown() async -> [any Error] {
        isShutDown = true
        for task in Array(tasks.values) {
            await task.value
        }
        return errors
    }
}
