// expect: fail resources
import Foundation
import InterviewKit

// Intent: every job runs at once in its own task. I keep every task handle so shutdown can
// await them all, count the running jobs, and record every error.

actor JobTracker {
    private var tasks: [Task<Void, Never>] = []
    private var errors: [any Error] = []
    private var isShutDown = false
    private(set) var running = 0

    init() {}

    func submit(_ job: @escaping @Sendable () async throws -> Void) throws {
        guard !isShutDown else { throw ShutdownError() }
        running += 1
        // Appended and never removed: one more handle for every job, for as long as the tracker lives.
        tasks.append(Task {
            do {
                try await job()
            } catch {
                self.errors.append(error)
            }
            self.running -= 1
        })
    }

    func shutdown() async -> [any Error] {
        isShutDown = true
        for task in tasks {
            await task.value
        }
        return errors
    }
}
