#if os(Linux)
/// `struct sock_filter`: one classic BPF instruction.
struct FilterInstruction {
    var code: UInt16
    var jumpIfTrue: UInt8
    var jumpIfFalse: UInt8
    var value: UInt32
}

/// `struct sock_fprog`.
struct FilterProgram {
    var length: UInt16
    var filter: UnsafePointer<FilterInstruction>
}

/// The seccomp program for the test binary, for this machine's architecture and system-call
/// numbers. Threads may be made, but no processes or programs (the process ends with SIGSYS,
/// which the tutor reports); other processes can be neither traced, read, signalled nor
/// limited (the call fails with EPERM, so the answer's own code sees an ordinary error); no
/// socket is opened; and no file's mode, owner, times or extended attributes change.
struct ProcessFilter {
    let architecture: UInt32
    /// Calls that end the process: fork, vfork, execve, execveat.
    let spawning: [UInt32]
    let clone: UInt32
    let clone3: UInt32
    let guardsX32: Bool
    /// Calls refused with EPERM: ptrace, process_vm_readv/writev, pidfd_open/getfd/send_signal,
    /// socket, and the chmod, chown, utime and setxattr families.
    let refused: [UInt32]
    /// Calls whose first argument is a process (kill, tkill, tgkill, rt_sigqueueinfo,
    /// rt_tgsigqueueinfo): allowed only for this process, so not for 0 or -1 either.
    let signalling: [UInt32]
    /// prlimit64: allowed for 0 (this process) or this process's id.
    let prlimit: UInt32
    /// This process's id.
    let pid: UInt32

    /// The filter for this architecture, or nil where the numbers are not known.
    static func current(pid: UInt32) -> ProcessFilter? {
        #if arch(x86_64)
        ProcessFilter(
            architecture: 0xC000_003E, spawning: [57, 58, 59, 322], clone: 56, clone3: 435, guardsX32: true,
            refused: [101, 310, 311, 434, 438, 424, 41]  // ptrace, process_vm_*, pidfd_*, socket
                + [90, 91, 268, 452, 92, 93, 94, 260]  // chmod, fchmod, fchmodat(2), chown, fchown, lchown, fchownat
                + [132, 235, 261, 280]  // utime, utimes, futimesat, utimensat
                + [188, 189, 190, 197, 198, 199, 463, 466],  // set/remove xattr
            signalling: [62, 200, 234, 129, 297], prlimit: 302, pid: pid)
        #elseif arch(arm64)
        ProcessFilter(
            architecture: 0xC000_00B7, spawning: [221, 281], clone: 220, clone3: 435, guardsX32: false,
            refused: [117, 270, 271, 434, 438, 424, 198]
                + [52, 53, 452, 54, 55]
                + [88]
                + [5, 6, 7, 14, 15, 16, 463, 466],
            signalling: [129, 130, 131, 138, 240], prlimit: 261, pid: pid)
        #else
        nil
        #endif
    }

    /// Where a comparison jumps: on to the next instruction, or to one of the shared endings.
    private enum Target { case next, allow, kill, noSuchCall, refuse, cloneFlags, ownProcess, ownOrZero }

    /// The program: check the architecture, kill on a spawning call, make clone3 look absent (so
    /// the C library falls back to clone, whose flags can be read), allow a clone only when it
    /// makes a thread, refuse the calls that reach other processes or change file metadata, and
    /// let signals and limits through only for this process.
    var instructions: [FilterInstruction] {
        let load: UInt16 = 0x20, jumpEqual: UInt16 = 0x15, jumpAtLeast: UInt16 = 0x35, jumpSet: UInt16 = 0x45, ret: UInt16 = 0x06
        let allow: UInt32 = 0x7FFF_0000, killProcess: UInt32 = 0x8000_0000
        let noSuchCall: UInt32 = 0x0005_0000 | 38, notPermitted: UInt32 = 0x0005_0000 | 1
        let cloneThread: UInt32 = 0x0001_0000
        // seccomp_data: nr at 0, arch at 4, args[i] at 16 + 8i. Only the low 32 bits of a pid
        // argument count: the kernel reads it as a 32-bit pid_t.
        let number: UInt32 = 0, arch: UInt32 = 4, firstArgument: UInt32 = 16
        var body: [(UInt16, UInt32, Target, Target)] = []
        body.append((load, arch, .next, .next))
        body.append((jumpEqual, architecture, .next, .kill))
        body.append((load, number, .next, .next))
        if guardsX32 { body.append((jumpAtLeast, 0x4000_0000, .kill, .next)) }
        for call in spawning { body.append((jumpEqual, call, .kill, .next)) }
        for call in refused { body.append((jumpEqual, call, .refuse, .next)) }
        for call in signalling { body.append((jumpEqual, call, .ownProcess, .next)) }
        body.append((jumpEqual, prlimit, .ownOrZero, .next))
        body.append((jumpEqual, clone3, .noSuchCall, .next))
        body.append((jumpEqual, clone, .cloneFlags, .allow))
        let cloneFlagsAt = body.count
        body.append((load, 16, .next, .next))
        body.append((jumpSet, cloneThread, .allow, .kill))
        let ownOrZeroAt = body.count
        body.append((load, firstArgument, .next, .next))
        body.append((jumpEqual, 0, .allow, .next))
        body.append((jumpEqual, pid, .allow, .refuse))
        let ownProcessAt = body.count
        body.append((load, firstArgument, .next, .next))
        body.append((jumpEqual, pid, .allow, .refuse))
        let allowAt = body.count, killAt = allowAt + 1, noSuchCallAt = allowAt + 2, refuseAt = allowAt + 3
        func offset(_ target: Target, from index: Int) -> UInt8 {
            let destination: Int
            switch target {
            case .next: return 0
            case .allow: destination = allowAt
            case .kill: destination = killAt
            case .noSuchCall: destination = noSuchCallAt
            case .refuse: destination = refuseAt
            case .cloneFlags: destination = cloneFlagsAt
            case .ownProcess: destination = ownProcessAt
            case .ownOrZero: destination = ownOrZeroAt
            }
            return UInt8(destination - index - 1)
        }
        var program = body.enumerated().map { index, step in
            FilterInstruction(code: step.0, jumpIfTrue: offset(step.2, from: index), jumpIfFalse: offset(step.3, from: index), value: step.1)
        }
        for value in [allow, killProcess, noSuchCall, notPermitted] {
            program.append(FilterInstruction(code: ret, jumpIfTrue: 0, jumpIfFalse: 0, value: value))
        }
        return program
    }
}
#endif
