#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Points the runtime's global-enqueue hook at a `VirtualExecutor`, where the runtime offers it.
///
/// The hook is unsupported runtime surface: it is looked up by name, and when it is missing
/// the harness falls back to task-executor preference alone (unstructured tasks then escape).
enum GlobalEnqueueHook {
    typealias Original = @convention(thin) (UnownedJob) -> Void
    typealias Hook = @convention(thin) (UnownedJob, Original) -> Void

    private static let target = Mutex<VirtualExecutor?>(nil)

    nonisolated(unsafe) private static let slot: UnsafeMutablePointer<Hook?>? = {
        guard let handle = dlopen(nil, RTLD_NOW),
              let symbol = dlsym(handle, "swift_task_enqueueGlobal_hook")
        else { return nil }
        return symbol.assumingMemoryBound(to: Hook?.self)
    }()

    /// Whether this runtime offers the hook.
    static var isAvailable: Bool { slot != nil }

    /// Whether globally enqueued jobs are being sent to an executor right now.
    static var isInstalled: Bool { current() != nil }

    /// Sends every globally enqueued job to `executor` until `uninstall()` (or until another
    /// executor is installed). `VirtualTime` installs it when created; `TestScope` removes
    /// it when the test ends.
    static func install(_ executor: VirtualExecutor) {
        target.withLock { $0 = executor }
        slot?.pointee = { job, original in
            if let executor = GlobalEnqueueHook.current() {
                executor.enqueueGlobal(job)
            } else {
                original(job)
            }
        }
    }

    /// Gives the runtime's own global executor back (XCTest itself needs it between tests).
    /// Jobs already queued on the executor stay there, unrun.
    static func uninstall() {
        slot?.pointee = nil
        target.withLock { $0 = nil }
    }

    private static func current() -> VirtualExecutor? {
        target.withLock { $0 }
    }
}
