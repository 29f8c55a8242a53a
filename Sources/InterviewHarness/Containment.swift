#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Fences the test binary in before any learner code runs: a memory limit, a limit on the
/// output file (written line by line), death with the tutor, and (on Linux) a Landlock sandbox
/// (read only the runtime's libraries, write nothing, signal nothing else) and a seccomp filter
/// (no new processes or programs, no tracing or signalling other processes).
enum Containment {
    /// Applies every limit the tutor asked for. The values are nil when the binary is run by hand.
    /// It must run while the process has a single thread: Landlock and seccomp bind the calling
    /// thread and the threads it starts afterwards, not threads that already exist.
    static func apply(memoryMB: Int?, outputKB: Int?, tutor: pid_t?) {
        signal(SIGXFSZ, SIG_IGN)
        lineBufferStandardOutput()
        if let memoryMB { limit(RLIMIT_AS, to: UInt64(memoryMB) << 20) }
        if let outputKB { limit(RLIMIT_FSIZE, to: UInt64(outputKB) << 10) }
        #if os(Linux)
        if let tutor { dieWith(tutor) }
        let setNoNewPrivileges: Int32 = 38
        guard let prctl, prctl(setNoNewPrivileges, 1, 0, 0, 0) == 0 else {
            report(Landlock.Outcome(), capabilities: false, filtered: false)
            return
        }
        // Landlock first, while /proc/self/maps can still be read; then the capabilities, then
        // the filter, which refuses the calls that could undo or widen either.
        let sandbox = Landlock.restrict(readable: Landlock.libraryFolders() + Landlock.systemFiles)
        let dropped = Capabilities.dropAll()
        report(sandbox, capabilities: dropped, filtered: installFilter())
        #endif
    }

    /// Line by line, so what the answer printed before a crash or a time-out is on file. The C
    /// `stdout` variable is reached by name: Swift 6 does not allow the global itself.
    private static func lineBufferStandardOutput() {
        guard let handle = dlopen(nil, RTLD_NOW), let variable = dlsym(handle, "stdout"),
              let stream = variable.load(as: UnsafeMutablePointer<FILE>?.self)
        else { return }
        setvbuf(stream, nil, _IOLBF, 0)
    }

    private static func limit(_ resource: __rlimit_resource, to bytes: UInt64) {
        var value = rlimit(rlim_cur: rlim_t(bytes), rlim_max: rlim_t(bytes))
        _ = setrlimit(__rlimit_resource_t(resource.rawValue), &value)
    }

    #if os(Linux)
    private typealias Prctl = @convention(c) (Int32, UInt, UInt, UInt, UInt) -> Int32

    /// `prctl` is variadic in C, so Swift reaches it by name with a fixed signature.
    private static let prctl: Prctl? = {
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "prctl") else { return nil }
        return unsafeBitCast(symbol, to: Prctl.self)
    }()

    /// A killed tutor takes its test binary with it instead of leaving it spinning. If the
    /// tutor is already gone (the parent changed), there is no one to report to.
    private static func dieWith(_ tutor: pid_t) {
        let setParentDeathSignal: Int32 = 1
        _ = prctl?(setParentDeathSignal, UInt(SIGKILL), 0, 0, 0)
        if getppid() != tutor { _exit(70) }
    }

    /// Tells the tutor, through the results channel, how much of the fence holds, so a report
    /// can say that the sandbox was partial. Sent once, before any test.
    private static func report(_ sandbox: Landlock.Outcome, capabilities dropped: Bool, filtered: Bool) {
        ResultsChannel.send([
            "event": "sandbox", "filesystem": sandbox.filesystem, "landlock_abi": sandbox.abi,
            "capabilities": dropped ? "none" : "kept",
            "network": sandbox.network || filtered ? "denied" : "open",
            "signals": sandbox.scoped || filtered ? "own process" : "open",
            "processes": filtered ? "denied" : "open",
        ])
    }

    /// Installs the seccomp filter (see `ProcessFilter`); true when the kernel took it.
    private static func installFilter() -> Bool {
        guard let prctl, let program = ProcessFilter.current(pid: UInt32(bitPattern: getpid()))?.instructions else { return false }
        let setSeccomp: Int32 = 22, filterMode: UInt = 2
        return program.withUnsafeBufferPointer { instructions in
            var header = FilterProgram(length: UInt16(instructions.count), filter: instructions.baseAddress!)
            return withUnsafePointer(to: &header) { pointer in
                prctl(setSeccomp, filterMode, UInt(bitPattern: pointer), 0, 0) == 0
            }
        }
    }
    #endif
}

