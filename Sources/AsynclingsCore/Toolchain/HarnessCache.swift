import Foundation

/// Builds the harness modules (InterviewKit and InterviewHarness) once per toolchain and
/// harness source, and hands out the folder that holds them.
public struct HarnessCache: Sendable {
    /// The modules and static libraries, ready to link against.
    public struct Build: Sendable, Equatable {
        /// Folder with `*.swiftmodule` and `lib*.a`.
        public let folder: URL
        /// Whether this call had to build it (the first check after a toolchain or harness change).
        public let wasBuilt: Bool
        /// The cache key it was built under.
        public var key: String { folder.lastPathComponent }
        /// Folder with InterviewKit's module alone: all an answer's compile may see.
        public var kitFolder: URL { folder.appendingPathComponent("kit") }
    }

    /// Changes whenever what a build folder holds changes shape, so older builds are not reused.
    static let layoutVersion = "layout-3"

    /// Where cached builds live.
    public let folder: URL
    /// The tool's source tree.
    public let sourceRoot: URL
    /// Runs the compiler.
    public let launcher: any ProcessLaunching
    /// The environment the compiler runs with (the context's).
    public let environment: [String: String]

    /// Creates a cache in `folder` for the harness sources under `sourceRoot`.
    public init(folder: URL, sourceRoot: URL, launcher: any ProcessLaunching, environment: [String: String]) {
        self.folder = folder
        self.sourceRoot = sourceRoot
        self.launcher = launcher
        self.environment = environment
    }

    /// The default cache folder: `ASYNCLINGS_CACHE`, else `$XDG_CACHE_HOME/asynclings`, else `~/.cache/asynclings`.
    public static func defaultFolder(environment: [String: String]) -> URL {
        if let explicit = environment["ASYNCLINGS_CACHE"], !explicit.isEmpty { return URL(fileURLWithPath: explicit) }
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty { return URL(fileURLWithPath: xdg).appendingPathComponent("asynclings") }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".cache/asynclings")
    }

    private var modules: [(name: String, folder: String)] {
        [("InterviewKit", "Sources/InterviewKit"), ("ResultsFormat", "Sources/ResultsFormat"), ("InterviewHarness", "Sources/InterviewHarness")]
    }

    private func sources(of module: String) -> [URL] {
        let root = sourceRoot.appendingPathComponent(module)
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        var files: [URL] = []
        while let file = enumerator?.nextObject() as? URL {
            if file.pathExtension == "swift" { files.append(file) }
        }
        return files.sorted { $0.path < $1.path }
    }

    /// The cache key: toolchain fingerprint plus the content of every harness source file.
    func key(toolchain: Toolchain) throws(AsynclingsError) -> String {
        var hash = StableHash()
        hash.combine(toolchain.fingerprint)
        hash.combine(Self.layoutVersion)
        for module in modules {
            let files = sources(of: module.folder)
            guard !files.isEmpty else {
                throw .toolFailure("the harness sources are missing from \(sourceRoot.appendingPathComponent(module.folder).path).", fix: "Run asynclings from a complete checkout of its repository, or set ASYNCLINGS_SOURCE_ROOT to one.")
            }
            for file in files {
                hash.combine(file.lastPathComponent)
                hash.combine((try? Data(contentsOf: file)) ?? Data())
            }
        }
        return hash.hex
    }

    /// The ready build for `toolchain`, building it first if needed. Safe when several tutors
    /// build at once: each builds in its own folder and the first rename wins. A build is
    /// marked ready only after it is complete, so a killed build is never used; its staging
    /// folder is removed by the next build.
    public func prepare(toolchain: Toolchain) throws(AsynclingsError) -> Build {
        let target = folder.appendingPathComponent(try key(toolchain: toolchain))
        let fileManager = FileManager.default
        AbandonedFolders.remove(in: folder, prefix: "staging-")
        if fileManager.fileExists(atPath: target.appendingPathComponent("ready").path) {
            markUsed(target)
            return Build(folder: target, wasBuilt: false)
        }
        let staging = folder.appendingPathComponent(AbandonedFolders.name(prefix: "staging-"))
        do {
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw .toolFailure("cannot create the build cache at \(folder.path).", fix: "Make that folder writable, or point ASYNCLINGS_CACHE at a writable folder.")
        }
        Interruption.track(folder: staging)
        defer {
            try? fileManager.removeItem(at: staging)
            Interruption.forget(folder: staging)
        }
        for module in modules {
            try compile(module.name, sources: sources(of: module.folder), into: staging, toolchain: toolchain)
        }
        let kit = staging.appendingPathComponent("kit")
        do {
            try fileManager.createDirectory(at: kit, withIntermediateDirectories: true)
            for file in ["InterviewKit.swiftmodule", "InterviewKit.swiftdoc"] {
                try fileManager.copyItem(at: staging.appendingPathComponent(file), to: kit.appendingPathComponent(file))
            }
        } catch {
            throw .toolFailure("cannot store the harness build in \(staging.path).", fix: "Make \(folder.path) writable, or point ASYNCLINGS_CACHE at a writable folder.")
        }
        _ = fileManager.createFile(atPath: staging.appendingPathComponent("ready").path, contents: Data())
        do {
            try fileManager.moveItem(at: staging, to: target)
        } catch {
            // Another tutor finished first; its build is as good as ours.
            guard fileManager.fileExists(atPath: target.appendingPathComponent("ready").path) else {
                throw .toolFailure("cannot store the harness build in \(target.path).", fix: "Make \(folder.path) writable, or point ASYNCLINGS_CACHE at a writable folder.")
            }
        }
        removeSuperseded(keeping: target.lastPathComponent)
        return Build(folder: target, wasBuilt: true)
    }

    /// Removes builds made for other toolchains or older harness sources that no check has used
    /// for a day (another checkout of the tool may still be using a recent one).
    private func removeSuperseded(keeping key: String) {
        let fileManager = FileManager.default
        let entries = (try? fileManager.contentsOfDirectory(atPath: folder.path)) ?? []
        for entry in entries where entry != key && !entry.hasPrefix("staging-") && !entry.hasPrefix(".") {
            let ready = folder.appendingPathComponent(entry).appendingPathComponent("ready")
            guard let used = (try? fileManager.attributesOfItem(atPath: ready.path))?[.modificationDate] as? Date,
                  used.timeIntervalSinceNow < -86_400 else { continue }
            try? fileManager.removeItem(at: folder.appendingPathComponent(entry))
        }
    }

    /// Marks a build as used (at most once an hour), so it is not taken for superseded.
    private func markUsed(_ build: URL) {
        let ready = build.appendingPathComponent("ready").path
        guard let used = (try? FileManager.default.attributesOfItem(atPath: ready))?[.modificationDate] as? Date,
              used.timeIntervalSinceNow < -3_600 else { return }
        _ = utime(ready, nil)
    }

    private func compile(_ module: String, sources: [URL], into staging: URL, toolchain: Toolchain) throws(AsynclingsError) {
        let log = staging.appendingPathComponent("\(module).log").path
        let arguments = [
            "-swift-version", "6", "-parse-as-library", "-module-name", module,
            "-I", staging.path, "-emit-module",
            "-emit-module-path", staging.appendingPathComponent("\(module).swiftmodule").path,
            "-emit-library", "-static", "-o", staging.appendingPathComponent("lib\(module).a").path,
        ] + sources.map(\.path)
        let result = try launcher.run(ProcessRequest(
            executable: toolchain.swiftc, arguments: arguments,
            environment: environment, outputFile: log, timeLimit: 600))
        guard result.exitStatus == 0 else {
            let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            throw .toolFailure("the harness module \(module) did not compile with \(toolchain.swiftc):\n\(output.suffix(2000))", fix: "asynclings needs a Swift 6.x toolchain; check `swiftc --version`.")
        }
    }
}
