// expect: fail correctness resources
import Foundation
import InterviewKit

// Intent: every job runs at once in its own task, which counts itself as running while it
// works and records its error. shutdown refuses new jobs and waits until the count of running
// jobs is back to zero, then returns every error. No handles are kept, so nothing grows.

actor JobTracker {
    private var errors: [any Error] = []
    private var isShutDown = false
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []
    private(set) var running = 0

    init() {}

    func submit(_ job: @escaping @Sendable () async throws -> Void) throws {
        guard !isShutDown else { throw ShutdownError() }
        Task {
            // Counted only once the task gets to run, which is after submit has returned.
            self.running += 1
            do {
                try await job()
            } catch {
                self.errors.append(error)
            }
            self.running -= 1
            if self.running == 0 {
                for waiter in self.idleWaiters { waiter.resume() }
                self.idleWaiters = []
            }
        }
    }

    func shutdown() async -> [any Error] {
        isShutDown = true
        if running > 0 {
            await withCheckedContinuation { idleWaiters.append($0) }
        }
        return errors
    }
}
