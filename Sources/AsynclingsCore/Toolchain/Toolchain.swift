import Foundation

/// The Swift compiler a check uses, and a cheap fingerprint of it for cache keys.
public struct Toolchain: Sendable, Equatable {
    /// Absolute path of `swiftc`.
    public let swiftc: String
    /// Changes whenever the compiler binary changes (path, size, modification time).
    public let fingerprint: String
    /// Flags that make a check's compile faster without changing what it compiles: one
    /// whole-module job, and the toolchain's own lld where it ships one (measured in Scripts/bench).
    public var fastFlags: [String] = []

    /// Finds `swiftc`: `ASYNCLINGS_SWIFTC` if set, else the first one on `PATH`.
    public static func locate(environment: [String: String]) throws(AsynclingsError) -> Toolchain {
        let fileManager = FileManager.default
        var candidates: [String] = []
        if let explicit = environment["ASYNCLINGS_SWIFTC"], !explicit.isEmpty { candidates.append(explicit) }
        for folder in (environment["PATH"] ?? "").split(separator: ":") {
            candidates.append("\(folder)/swiftc")
        }
        guard let found = candidates.first(where: { fileManager.isExecutableFile(atPath: $0) }) else {
            throw .toolFailure(
                "no Swift compiler (swiftc) was found on PATH.",
                fix: "Install a Swift 6 toolchain (https://www.swift.org/install) and make sure `swiftc --version` works in this shell, or set ASYNCLINGS_SWIFTC to the compiler's path.")
        }
        let resolved = URL(fileURLWithPath: found).resolvingSymlinksInPath().path
        let attributes = (try? fileManager.attributesOfItem(atPath: resolved)) ?? [:]
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        var toolchain = Toolchain(swiftc: found, fingerprint: "\(resolved)|\(size)|\(Int(modified))")
        toolchain.fastFlags = ["-wmo"]
        let lld = URL(fileURLWithPath: resolved).deletingLastPathComponent().appendingPathComponent("ld.lld").path
        if fileManager.isExecutableFile(atPath: lld) { toolchain.fastFlags.append("-use-ld=lld") }
        return toolchain
    }
}
