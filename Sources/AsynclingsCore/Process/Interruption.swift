#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Foundation
import Synchronization

/// What the tutor undoes when it is interrupted in the middle of a check (Ctrl-C, TERM, a
/// closed terminal): it kills the child process groups it started, removes the temporary
/// folders it made, and gives the terminal back. The executable installs the handlers; the
/// rest of the engine only registers and forgets what it starts.
public enum Interruption {
    private struct Pending {
        var stopping = false
        var groups: Set<pid_t> = []
        var folders: Set<String> = []
        var restorers: [@Sendable () -> Void] = []
    }

    private static let pending = Mutex(Pending())
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []

    /// Catches SIGINT, SIGTERM and SIGHUP; on any of them cleans up and exits with 128 + the signal.
    public static func install() {
        for number in [SIGINT, SIGTERM, SIGHUP] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { stop(exitCode: 128 + number) }
            source.resume()
            sources.append(source)
        }
    }

    /// Kills what is running, removes what was made, restores the terminal, and exits. From
    /// here on no new child starts: a thread of the engine that would start one parks instead.
    static func stop(exitCode: Int32) -> Never {
        let work = pending.withLock { state in
            state.stopping = true
            return state
        }
        for group in work.groups { kill(-group, SIGKILL) }
        for folder in work.folders {
            // The engine's thread may still write a file here before it parks; try again then.
            for _ in 0..<20 where FileManager.default.fileExists(atPath: folder) {
                try? FileManager.default.removeItem(atPath: folder)
            }
        }
        for restore in work.restorers { restore() }
        _exit(exitCode)
    }

    /// Parks the calling thread for good once the tutor is stopping, so it starts nothing new
    /// and touches no file while `stop` cleans up and exits.
    static func parkIfStopping() {
        guard pending.withLock({ $0.stopping }) else { return }
        while true { sleep(60) }
    }

    /// Remembers a running child's process group until `forget(group:)`; if the tutor is
    /// already stopping, the group is killed at once.
    static func track(group: pid_t) {
        let stopping = pending.withLock { state in
            state.groups.insert(group)
            return state.stopping
        }
        if stopping { kill(-group, SIGKILL) }
    }
    /// The child's group has ended.
    static func forget(group: pid_t) { pending.withLock { _ = $0.groups.remove(group) } }
    /// Remembers a temporary folder until `forget(folder:)`.
    static func track(folder: URL) { pending.withLock { _ = $0.folders.insert(folder.path) } }
    /// The folder is gone or kept on purpose.
    static func forget(folder: URL) { pending.withLock { _ = $0.folders.remove(folder.path) } }
    /// Runs `restore` before exiting on an interruption (used for the terminal mode).
    static func onInterrupt(_ restore: @escaping @Sendable () -> Void) {
        pending.withLock { $0.restorers.append(restore) }
    }
}
