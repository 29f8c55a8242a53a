import Synchronization

/// A task executor that queues every job and runs them one by one on the test's own thread.
///
/// With the runtime's global-enqueue hook pointed at it, unstructured tasks and actor jobs
/// land here too, so "nothing is ready to run" is a fact, not a guess.
public final class VirtualExecutor: TaskExecutor, @unchecked Sendable {
    private let queue = Mutex<[UnownedJob]>([])
    private let ran = Atomic<Int>(0)

    /// Creates an empty executor.
    public init() {}

    public func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        queue.withLock { $0.append(unowned) }
    }

    /// Queues a job handed over by the global-enqueue hook.
    func enqueueGlobal(_ job: UnownedJob) {
        queue.withLock { $0.append(job) }
    }

    /// The number of jobs waiting to run.
    public var pendingJobs: Int { queue.withLock { $0.count } }

    /// The number of jobs run so far.
    public var jobsRun: Int { ran.load(ordering: .relaxed) }

    /// Runs queued jobs, first in first out, until none is left or `stop` says so.
    func runUntilIdle(stop: () -> Bool = { false }) {
        while !stop() {
            let next = queue.withLock { queue -> UnownedJob? in
                queue.isEmpty ? nil : queue.removeFirst()
            }
            guard let job = next else { return }
            ran.add(1, ordering: .relaxed)
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
