import Foundation

extension Session {
    /// Whether the harness modules are already built for this toolchain; when not, the next
    /// check builds them first (about ten seconds, once), and the learner is told so.
    func harnessIsBuilt() -> Bool {
        guard let toolchain = try? Toolchain.locate(environment: context.environment) else { return true }
        let cache = HarnessCache(
            folder: HarnessCache.defaultFolder(environment: context.environment),
            sourceRoot: SourceTree.root(environment: context.environment), launcher: context.launcher,
            environment: context.environment)
        guard let key = try? cache.key(toolchain: toolchain) else { return true }
        return FileManager.default.fileExists(atPath: cache.folder.appendingPathComponent(key).appendingPathComponent("ready").path)
    }

    /// The sentence said once before a check that has to build the harness first.
    static let harnessNote = "preparing the test harness for this Swift toolchain: once, about 10 s"
}
