// expect: fail errors
import Foundation
import InterviewKit

// Intent: every job runs at once in its own task; the tracker keeps a handle only while the
// job runs, and shutdown refuses new jobs and waits for the running ones to finish.

actor JobTracker {
    private var tasks: [Int: Task<Void, Never>] = [:]
    private var isShutDown = false
    private var nextID = 0

    init() {}

    var running: Int { tasks.count }

    func submit(_ job: @escaping @Sendable () async throws -> Void) throws {
        guard !isShutDown else { throw ShutdownError() }
        let id = nextID
        nextID += 1
        tasks[id] = Task {
            // The error is thrown away here, so shutdown has nothing to report.
            try? await job()
            self.tasks[id] = nil
        }
    }

    func shutdown() async -> [any Error] {
        isShutDown = true
        while let task = tasks.values.first {
            await task.value
        }
        return []
    }
}
