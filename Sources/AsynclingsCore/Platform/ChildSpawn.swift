#if os(Linux)
import Glibc
#endif
import ResultsFormat

/// The platform's calls for starting a child and reading how it ended: `posix_spawn` with its
/// file actions and attributes (value types on Linux, optional pointers on Darwin) and the
/// encoding of a wait status. A port to another system changes this file only.
enum ChildSpawn {
    #if os(Linux)
    /// Starts `request` in a process group of its own, every signal at its default and none
    /// blocked; standard input from /dev/null, output (and errors, unless they have their own
    /// file) to the request's file, the channel's ends on their fixed descriptors. Returns the
    /// child's id, or the error number `posix_spawn` gave.
    static func spawn(_ request: ProcessRequest, pipes: ChannelPipes?) -> Result<pid_t, SpawnFailure> {
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
        let result = ProcessRunner.spawnLock.withLock { _ in posix_spawn(&pid, request.executable, &actions, &attributes, argv, envp) }
        return result == 0 ? .success(pid) : .failure(SpawnFailure(code: result))
    }

    /// How a child ended, from its wait status: its exit status, or the signal that stopped it.
    static func ending(waitStatus code: Int32) -> (exitStatus: Int32?, signal: Int32?) {
        let signalled = (code & 0x7f) != 0 && (code & 0x7f) != 0x7f
        return signalled ? (nil, code & 0x7f) : ((code >> 8) & 0xff, nil)
    }
    #else
    #error("ChildSpawn: write posix_spawn (Darwin's spawn types are optional pointers) and the wait-status decoding for this system.")
    #endif

    /// Why a child could not be started: the error number, in words.
    struct SpawnFailure: Error {
        let code: Int32
        var reason: String { String(cString: strerror(code)) }
    }
}
