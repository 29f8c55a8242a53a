#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Folders named `<prefix><pid>-<anything>` whose owning process no longer exists: what a
/// tutor killed with SIGKILL (which no handler can catch) leaves behind.
enum AbandonedFolders {
    /// The name for a new folder owned by this process.
    static func name(prefix: String) -> String {
        "\(prefix)\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
    }

    /// Removes every folder in `parent` whose name starts with `prefix` and whose owner is gone.
    static func remove(in parent: URL, prefix: String) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        for name in names where name.hasPrefix(prefix) {
            guard let owner = name.dropFirst(prefix.count).split(separator: "-").first.flatMap({ pid_t($0) }),
                  owner > 0, kill(owner, 0) == -1, errno == ESRCH
            else { continue }
            try? FileManager.default.removeItem(at: parent.appendingPathComponent(name))
        }
    }
}
