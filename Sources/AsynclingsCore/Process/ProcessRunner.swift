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
        let ending = ChildSpawn.ending(waitStatus: status)
        return ProcessResult(
            exitStatus: ending.exitStatus, signal: ending.signal,
            timedOut: timedOut, seconds: seconds, channel: channel)
    }

    private func spawn(_ request: ProcessRequest, pipes: ChannelPipes?) throws(AsynclingsError) -> pid_t {
        switch ChildSpawn.spawn(request, pipes: pipes) {
        case .success(let pid): return pid
        case .failure(let failure):
            throw .toolFailure("could not start \(request.executable): \(failure.reason).", fix: "Check that the file exists and is executable, and that the disk is not full.")
        }
    }
}
