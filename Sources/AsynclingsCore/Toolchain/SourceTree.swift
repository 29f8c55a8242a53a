import Foundation

/// Where the tool's own sources live: the harness modules are compiled from here and the
/// default catalog is its `exercises/` folder.
public enum SourceTree {
    /// The root of the source tree this binary was built from (or `ASYNCLINGS_SOURCE_ROOT`).
    public static func root(environment: [String: String]) -> URL {
        if let root = environment["ASYNCLINGS_SOURCE_ROOT"], !root.isEmpty {
            return URL(fileURLWithPath: root)
        }
        // This file is Sources/AsynclingsCore/Toolchain/SourceTree.swift.
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }
}
