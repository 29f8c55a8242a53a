#if os(Linux)
import Glibc

/// Landlock rules for the test binary: it may read and map the libraries the runtime is built
/// from and a few system files, and nothing else. It can create, write, rename or truncate no
/// file, reach no TCP port, signal no process outside itself and connect to no abstract socket.
///
/// Rules hold for the calling thread and the threads it starts later, so they are applied while
/// the binary still has one thread (`ResultsChannel.open`, before XCTest or Dispatch start any).
enum Landlock {
    /// How much of the fence the kernel could put up.
    struct Outcome: Equatable {
        /// "full", "partial" (an older ABI, or threads that escaped) or "none".
        var filesystem = "none"
        /// Whether TCP bind and connect are refused (ABI 4 and later).
        var network = false
        /// Whether signals to other processes and abstract sockets are refused (ABI 6 and later).
        var scoped = false
        /// The kernel's Landlock ABI version, 0 when Landlock is missing.
        var abi = 0
    }

    /// What a rule lets the process do beneath a path.
    enum Access {
        /// Read, list and map as code: the folders of the runtime's shared libraries.
        case libraries
        /// Read and list: time zones, random numbers.
        case data
        /// Read files only, no listing: `/proc`, where libdispatch reads `/proc/<thread>/stat`
        /// of its own worker threads every second and stops the process if it cannot. Another
        /// process's memory, environment and descriptors stay closed: Landlock refuses the
        /// ptrace-style access they need to any process outside the sandbox.
        case processFiles
    }

    /// System files and folders the runtime may read after start-up.
    static let systemFiles: [(String, Access)] = [
        ("/etc/localtime", .data), ("/usr/share/zoneinfo", .data), ("/etc/ld.so.cache", .data),
        ("/dev/null", .data), ("/dev/zero", .data), ("/dev/urandom", .data), ("/dev/random", .data),
        ("/proc", .processFiles),
    ]

    private static let createRuleset = 444, addRule = 445, restrictSelf = 446
    private static let askVersion: UInt = 1, pathBeneath: UInt = 1

    private static let execute: UInt64 = 1 << 0, writeFile: UInt64 = 1 << 1, readFile: UInt64 = 1 << 2
    private static let readDirectory: UInt64 = 1 << 3
    private static let fileRights = execute | writeFile | readFile | (1 << 14) | (1 << 15)

    private typealias Syscall = @convention(c) (Int, UInt, UInt, UInt, UInt) -> Int

    /// `syscall` is variadic in C, so Swift reaches it by name with a fixed signature.
    private static let syscall: Syscall? = {
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "syscall") else { return nil }
        return unsafeBitCast(symbol, to: Syscall.self)
    }()

    /// The kernel's Landlock ABI version; 0 when Landlock is not built in or not enabled.
    static var abi: Int {
        guard let syscall else { return 0 }
        return max(0, syscall(createRuleset, 0, 0, askVersion, 0))
    }

    /// Every file-system right the ABI knows: the full list is handled, so whatever is not
    /// granted below is refused.
    static func handledFileSystemRights(abi: Int) -> UInt64 {
        var rights: UInt64 = (1 << 13) - 1  // execute … make symlink (ABI 1)
        if abi >= 2 { rights |= 1 << 13 }  // refer: link or rename into another folder
        if abi >= 3 { rights |= 1 << 14 }  // truncate
        if abi >= 5 { rights |= 1 << 15 }  // ioctl on devices
        return rights
    }

    /// Restricts this thread and its future threads. `readable` lists folders and files that
    /// stay readable (folders with everything beneath them); the caller has set no_new_privs.
    static func restrict(readable: [(String, Access)]) -> Outcome {
        var outcome = Outcome()
        outcome.abi = abi
        guard outcome.abi >= 1, let syscall else { return outcome }
        let threads = threadCount
        let handledFS = handledFileSystemRights(abi: outcome.abi)
        // struct landlock_ruleset_attr { u64 handled_access_fs, handled_access_net, scoped }:
        // fields the kernel does not know must be zero.
        var attributes: [UInt64] = [handledFS, 0, 0]
        if outcome.abi >= 4 { attributes[1] = 0b11 }  // bind and connect TCP
        if outcome.abi >= 6 { attributes[2] = 0b11 }  // abstract UNIX sockets, signals
        let size = outcome.abi >= 6 ? 24 : outcome.abi >= 4 ? 16 : 8
        let ruleset = attributes.withUnsafeBufferPointer { syscall(createRuleset, UInt(bitPattern: $0.baseAddress), UInt(size), 0, 0) }
        guard ruleset >= 0 else { return outcome }
        defer { close(Int32(ruleset)) }
        var everyRule = true
        for (path, access) in readable where !allow(access, beneath: path, ruleset: ruleset, handled: handledFS) {
            everyRule = false
        }
        guard syscall(restrictSelf, UInt(ruleset), 0, 0, 0) == 0 else { return outcome }
        outcome.network = outcome.abi >= 4
        outcome.scoped = outcome.abi >= 6
        // Before ABI 3 a file could still be truncated by path; rules that failed to apply
        // only take rights away, but say so.
        outcome.filesystem = outcome.abi >= 3 && everyRule && threads == 1 ? "full" : "partial"
        return outcome
    }

    /// Adds one path-beneath rule. A path that does not exist is no failure: there is nothing
    /// to read there.
    private static func allow(_ access: Access, beneath path: String, ruleset: Int, handled: UInt64) -> Bool {
        let fd = open(path, 0o10000000 | O_CLOEXEC)  // O_PATH, which Glibc does not export
        guard fd >= 0 else { return true }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return false }
        var allowed: UInt64
        switch access {
        case .libraries: allowed = readFile | execute | readDirectory
        case .data: allowed = readFile | readDirectory
        case .processFiles: allowed = readFile
        }
        allowed &= handled
        if info.st_mode & S_IFMT != S_IFDIR { allowed &= fileRights }
        // struct landlock_path_beneath_attr { u64 allowed_access; s32 parent_fd; } (packed).
        var attribute = [UInt8](repeating: 0, count: 12)
        withUnsafeBytes(of: allowed.littleEndian) { attribute.replaceSubrange(0..<8, with: $0) }
        withUnsafeBytes(of: fd.littleEndian) { attribute.replaceSubrange(8..<12, with: $0) }
        return attribute.withUnsafeBufferPointer {
            syscall?(addRule, UInt(ruleset), pathBeneath, UInt(bitPattern: $0.baseAddress), 0) == 0
        }
    }

    /// How many threads the process has; Landlock covers the others only if this is 1.
    static var threadCount: Int {
        guard let folder = opendir("/proc/self/task") else { return 0 }
        defer { closedir(folder) }
        var count = 0
        while let entry = readdir(folder) {
            if entry.pointee.d_name.0 != UInt8(ascii: ".") { count += 1 }
        }
        return count
    }

    /// The folders of the shared libraries this process has mapped (the Swift runtime,
    /// Foundation, XCTest, the C libraries), not the folder of the executable itself: a
    /// library loaded later comes from one of them.
    static func libraryFolders() -> [(String, Access)] {
        var executable = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &executable, Int(PATH_MAX))
        let own = length > 0 ? String(decoding: executable[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self) : ""
        guard let file = fopen("/proc/self/maps", "r") else { return [] }
        defer { fclose(file) }
        var folders: [(String, Access)] = []
        var line = [CChar](repeating: 0, count: 4096)
        while fgets(&line, Int32(line.count), file) != nil {
            let text = String(decoding: line.prefix { $0 != 0 && $0 != 10 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            guard let slash = text.firstIndex(of: "/") else { continue }
            let path = String(text[slash...])
            guard path != own, path.hasSuffix(".so") || path.contains(".so."), let end = path.lastIndex(of: "/") else { continue }
            let folder = String(path[..<end])
            if !folders.contains(where: { $0.0 == folder }) { folders.append((folder, .libraries)) }
        }
        return folders
    }
}
#endif
