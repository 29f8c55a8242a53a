// expect: fail errors resources
import Foundation
import InterviewKit

// Intent: every job runs at once in its own task; the tracker keeps a handle only while the
// job runs and records every error. shutdown stops new jobs and reports the errors so far.

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
            } catch {
                self.errors.append(error)
            }
            self.tasks[id] = nil
        }
    }

    func shutdown() async -> [any Error] {
        isShutDown = true
        // Returns at once: jobs still running carry on, and their errors arrive too late.
        return errors
    }
}
