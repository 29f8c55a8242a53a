#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Synchronization

/// The two channels of a check: a socket pair the child writes sealed lines to, and a pipe that
/// hands it the run's secret. Every end is close-on-exec in the tutor, so no other child inherits
/// it. The results travel over a socket, not a pipe, because a pipe can be opened again through
/// `/proc/self/fd` with the other end's mode (the child could then read sealed lines back, which
/// the sandbox does not prevent); a socket cannot be opened that way, and what the child writes
/// into its end can only be read from the tutor's.
struct ChannelPipes {
    let resultsRead: Int32
    let resultsWrite: Int32
    let secretRead: Int32
    private let secretWrite: Int32

    /// Makes both pipes and writes `secret` into the second (it fits in any pipe buffer).
    init(secret: [UInt8]) throws(AsynclingsError) {
        var results: [Int32] = [-1, -1], handover: [Int32] = [-1, -1]
        guard Self.closeOnExecSocketPair(&results) else {
            throw .toolFailure("could not create a pipe for the results channel: \(String(cString: strerror(errno))).", fix: "Close some programs (too many open files?) and try again.")
        }
        guard Self.closeOnExecPipe(&handover) else {
            close(results[0])
            close(results[1])
            throw .toolFailure("could not create a pipe for the results channel: \(String(cString: strerror(errno))).", fix: "Close some programs (too many open files?) and try again.")
        }
        (resultsRead, resultsWrite, secretRead, secretWrite) = (results[0], results[1], handover[0], handover[1])
        _ = secret.withUnsafeBytes { write(secretWrite, $0.baseAddress, $0.count) }
        close(secretWrite)
    }

    /// A pipe whose ends are close-on-exec before any other thread can start a child (the
    /// spawn lock is held from `pipe` to `fcntl`, and around every spawn).
    private static func closeOnExecPipe(_ ends: inout [Int32]) -> Bool {
        ProcessRunner.spawnLock.withLock { _ in
            guard pipe(&ends) == 0 else { return false }
            for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
            return true
        }
    }

    /// A connected pair of stream sockets, close-on-exec (see `closeOnExecPipe`).
    private static func closeOnExecSocketPair(_ ends: inout [Int32]) -> Bool {
        ProcessRunner.spawnLock.withLock { _ in
            #if os(Linux)
            let stream = Int32(SOCK_STREAM.rawValue)
            #else
            let stream = SOCK_STREAM
            #endif
            guard socketpair(AF_UNIX, stream, 0, &ends) == 0 else { return false }
            for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
            return true
        }
    }

    /// Closes the ends only the child needs, once it has them.
    func closeChildEnds() {
        close(resultsWrite)
        close(secretRead)
    }

    /// Closes everything (the child was never started).
    func closeAll() {
        closeChildEnds()
        close(resultsRead)
    }
}
