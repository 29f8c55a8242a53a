#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Fences the test binary in before any learner code runs: a memory limit, a limit on the
/// output file (written line by line), death with the tutor, and (on Linux) no new processes
/// or programs at all.
enum Containment {
    /// Applies every limit the tutor asked for. The values are nil when the binary is run by hand.
    static func apply(memoryMB: Int?, outputKB: Int?, tutor: pid_t?) {
        signal(SIGXFSZ, SIG_IGN)
        lineBufferStandardOutput()
        if let memoryMB { limit(RLIMIT_AS, to: UInt64(memoryMB) << 20) }
        if let outputKB { limit(RLIMIT_FSIZE, to: UInt64(outputKB) << 10) }
        #if os(Linux)
        if let tutor { dieWith(tutor) }
        forbidNewProcesses()
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

    /// Installs a seccomp filter: threads may be created, but fork, vfork, a clone without
    /// CLONE_THREAD, execve and execveat end the process with SIGSYS, which the tutor reports.
    private static func forbidNewProcesses() {
        guard let prctl, let program = SpawnFilter.current?.instructions else { return }
        let setNoNewPrivileges: Int32 = 38, setSeccomp: Int32 = 22, filterMode: UInt = 2
        guard prctl(setNoNewPrivileges, 1, 0, 0, 0) == 0 else { return }
        program.withUnsafeBufferPointer { instructions in
            var header = FilterProgram(length: UInt16(instructions.count), filter: instructions.baseAddress!)
            withUnsafePointer(to: &header) { pointer in
                _ = prctl(setSeccomp, filterMode, UInt(bitPattern: pointer), 0, 0)
            }
        }
    }
    #endif
}

#if os(Linux)
/// `struct sock_filter`: one classic BPF instruction.
struct FilterInstruction {
    var code: UInt16
    var jumpIfTrue: UInt8
    var jumpIfFalse: UInt8
    var value: UInt32
}

/// `struct sock_fprog`.
private struct FilterProgram {
    var length: UInt16
    var filter: UnsafePointer<FilterInstruction>
}

/// The seccomp program that lets threads be made but no processes, for this machine's
/// architecture and system-call numbers.
struct SpawnFilter {
    let architecture: UInt32
    let forbidden: [UInt32]
    let clone: UInt32
    let clone3: UInt32
    let guardsX32: Bool

    static var current: SpawnFilter? {
        #if arch(x86_64)
        SpawnFilter(architecture: 0xC000_003E, forbidden: [57, 58, 59, 322], clone: 56, clone3: 435, guardsX32: true)
        #elseif arch(arm64)
        SpawnFilter(architecture: 0xC000_00B7, forbidden: [221, 281], clone: 220, clone3: 435, guardsX32: false)
        #else
        nil
        #endif
    }

    /// The program: check the architecture, kill on a forbidden call, make clone3 look absent
    /// (so the C library falls back to clone, whose flags can be read), and allow a clone only
    /// when it makes a thread.
    var instructions: [FilterInstruction] {
        let load: UInt16 = 0x20, jumpEqual: UInt16 = 0x15, jumpAtLeast: UInt16 = 0x35, jumpSet: UInt16 = 0x45, ret: UInt16 = 0x06
        let allow: UInt32 = 0x7FFF_0000, killProcess: UInt32 = 0x8000_0000, noSuchCall: UInt32 = 0x0005_0000 | 38
        let cloneThread: UInt32 = 0x0001_0000
        func op(_ code: UInt16, _ value: UInt32, _ yes: Int = 0, _ no: Int = 0) -> FilterInstruction {
            FilterInstruction(code: code, jumpIfTrue: UInt8(yes), jumpIfFalse: UInt8(no), value: value)
        }
        // The body is built with symbolic targets and resolved once its length is known.
        enum Target { case next, allow, kill, noSuchCall, flags }
        var body: [(UInt16, UInt32, Target, Target)] = []
        body.append((load, 4, .next, .next))
        body.append((jumpEqual, architecture, .next, .kill))
        body.append((load, 0, .next, .next))
        if guardsX32 { body.append((jumpAtLeast, 0x4000_0000, .kill, .next)) }
        for number in forbidden { body.append((jumpEqual, number, .kill, .next)) }
        body.append((jumpEqual, clone3, .noSuchCall, .next))
        body.append((jumpEqual, clone, .flags, .allow))
        let flagsAt = body.count
        body.append((load, 16, .next, .next))
        body.append((jumpSet, cloneThread, .allow, .kill))
        let allowAt = body.count, killAt = allowAt + 1, noSuchCallAt = allowAt + 2
        func offset(_ target: Target, from index: Int) -> Int {
            switch target {
            case .next: return 0
            case .allow: return allowAt - index - 1
            case .kill: return killAt - index - 1
            case .noSuchCall: return noSuchCallAt - index - 1
            case .flags: return flagsAt - index - 1
            }
        }
        var program = body.enumerated().map { index, step in
            op(step.0, step.1, offset(step.2, from: index), offset(step.3, from: index))
        }
        program += [op(ret, allow), op(ret, killProcess), op(ret, noSuchCall)]
        return program
    }
}
#endif
