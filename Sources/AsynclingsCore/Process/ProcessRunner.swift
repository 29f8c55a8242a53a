#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Foundation
import Synchronization
import ResultsFormat

/// What to run, and how.
public struct ProcessRequest: Sendable {
    /// Absolute path of the program.
    public var executable: String
    /// Arguments after the program name.
    public var arguments: [String]
    /// The child's whole environment.
    public var environment: [String: String]
    /// File that receives standard output and standard error together.
    public var outputFile: String
    /// Real-time limit, in seconds; on expiry the whole process group is stopped.
    public var timeLimit: Double
    /// File that receives standard error on its own; nil sends it to `outputFile`.
    public var errorFile: String?
    /// When set, the child gets a results pipe on `ResultsFormat.resultsDescriptor` whose read
    /// end only the tutor holds, and these bytes (the run's secret) on a pipe on
    /// `ResultsFormat.secretDescriptor`; what it writes comes back in `ProcessResult.channel`.
    public var channelSecret: [UInt8]?

    /// Creates a request.
    public init(executable: String, arguments: [String], environment: [String: String], outputFile: String, timeLimit: Double, errorFile: String? = nil) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.outputFile = outputFile
        self.timeLimit = timeLimit
        self.errorFile = errorFile
    }
}

/// How a child process ended.
public struct ProcessResult: Sendable, Equatable {
    /// The exit status, when it exited normally.
    public var exitStatus: Int32?
    /// The signal that killed it, when one did.
    public var signal: Int32?
    /// Whether the watchdog stopped it.
    public var timedOut: Bool
    /// Real seconds from start to end.
    public var seconds: Double
    /// What the child wrote to its results pipe (empty without one).
    public var channel = Data()
}

/// Launches child processes; the engine receives one as a value so tests can swap it.
public protocol ProcessLaunching: Sendable {
    /// Runs the request to its end and reports how it ended.
    func run(_ request: ProcessRequest) throws(AsynclingsError) -> ProcessResult
}

/// Runs a child in its own process group under a watchdog: on time-out TERM, a short grace,
/// then KILL to the whole group; the child is always reaped.
public struct ProcessRunner: ProcessLaunching {
    /// Creates a runner.
    public init() {}

    /// Held while a child is spawned and while a pipe is being made close-on-exec, so no child
    /// inherits a descriptor meant for another.
    static let spawnLock = Mutex(())

    public func run(_ request: ProcessRequest) throws(AsynclingsError) -> ProcessResult {
        Interruption.parkIfStopping()
        let start = DispatchTime.now()
        let pipes = try request.channelSecret.map { secret throws(AsynclingsError) in try ChannelPipes(secret: secret) }
        let pid: pid_t
        do {
            pid = try spawn(request, pipes: pipes)
        } catch {
            pipes?.closeAll()
            throw error
        }
        pipes?.closeChildEnds()
        let reader = pipes.map { ChannelReader(descriptor: $0.resultsRead) }
        Interruption.track(group: pid)
        defer { Interruption.forget(group: pid) }
        let exited = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var status: Int32 = 0
        let waiter = Thread {
            var value: Int32 = 0
            while waitpid(pid, &value, 0) == -1 && errno == EINTR {}
            status = value
            exited.signal()
        }
        waiter.start()
        var timedOut = false
        if exited.wait(timeout: .now() + request.timeLimit) == .timedOut {
            timedOut = true
            kill(-pid, SIGTERM)
            if exited.wait(timeout: .now() + 0.3) == .timedOut {
                kill(-pid, SIGKILL)
                exited.wait()
            }
        }
        // Anything the child left behind in its group goes too, and is reaped (the tutor is a
        // subreaper, so orphans of the group come back to it).
        kill(-pid, SIGKILL)
        var leftover: Int32 = 0
        while waitpid(-pid, &leftover, WNOHANG) > 0 {}
        let channel = reader?.finish() ?? Data()
        Interruption.parkIfStopping()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let code = status
        let signalled = (code & 0x7f) != 0 && (code & 0x7f) != 0x7f
        return ProcessResult(
            exitStatus: signalled ? nil : (code >> 8) & 0xff,
            signal: signalled ? code & 0x7f : nil,
            timedOut: timedOut, seconds: seconds, channel: channel)
    }

    private func spawn(_ request: ProcessRequest, pipes: ChannelPipes?) throws(AsynclingsError) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, request.outputFile, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0o600)
        if let errorFile = request.errorFile {
            posix_spawn_file_actions_addopen(&actions, 2, errorFile, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0o600)
        } else {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        }
        if let pipes {
            posix_spawn_file_actions_adddup2(&actions, pipes.resultsWrite, ResultsFormat.resultsDescriptor)
            posix_spawn_file_actions_adddup2(&actions, pipes.secretRead, ResultsFormat.secretDescriptor)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ([request.executable] + request.arguments).map { strdup($0) } + [nil]
        let envp = request.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = Self.spawnLock.withLock { _ in posix_spawn(&pid, request.executable, &actions, &attributes, argv, envp) }
        guard result == 0 else {
            throw .toolFailure("could not start \(request.executable): \(String(cString: strerror(result))).", fix: "Check that the file exists and is executable, and that the disk is not full.")
        }
        return pid
    }
}
