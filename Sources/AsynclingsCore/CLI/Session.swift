import Foundation

/// What every command needs, resolved once from the arguments and the context:
/// the catalog, the workspace, the progress store and the check pipeline.
public struct Session: Sendable {
    /// Side effects.
    public let context: Context
    /// The parsed command line.
    public let arguments: Arguments
    /// The exercises.
    public let catalog: Catalog
    /// The learner's folder.
    public let workspace: Workspace
    /// Progress.
    public let store: StateStore
    /// Output colours.
    public let style: Style

    /// Resolves catalog, workspace and style.
    public init(context: Context, arguments: Arguments) throws(AsynclingsError) {
        self.context = context
        self.arguments = arguments
        let environment = context.environment
        let root = SourceTree.root(environment: environment)
        let catalogPath = arguments.catalog ?? environment["ASYNCLINGS_CATALOG"]
        let catalogFolder = catalogPath.map { Self.resolve($0, in: context.currentDirectory) } ?? root.appendingPathComponent("exercises")
        catalog = try Catalog(folder: catalogFolder)
        for (folder, problem) in catalog.problems.sorted(by: { $0.key < $1.key }) {
            context.printError("note: skipping \(folder): " + problem.message.replacingOccurrences(of: "error: ", with: ""))
        }
        let workspacePath = arguments.workspace ?? environment["ASYNCLINGS_WORKSPACE"] ?? "practice"
        workspace = Workspace(folder: Self.resolve(workspacePath, in: context.currentDirectory))
        store = StateStore(folder: workspace.stateFolder, warn: context.printError, now: context.now)
        let colorAllowed = !arguments.noColor && environment["NO_COLOR"].map(\.isEmpty) ?? true
        style = Style(color: colorAllowed && context.isTerminal && !arguments.json)
    }

    static func resolve(_ path: String, in folder: URL) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : folder.appendingPathComponent(path).standardizedFileURL
    }

    /// The checker for this machine's toolchain.
    public func checker() throws(AsynclingsError) -> Checker {
        let toolchain = try Toolchain.locate(environment: context.environment)
        let cache = HarnessCache(
            folder: HarnessCache.defaultFolder(environment: context.environment),
            sourceRoot: SourceTree.root(environment: context.environment), launcher: context.launcher,
            environment: context.environment)
        return Checker(toolchain: toolchain, harness: cache, launcher: context.launcher,
                       environment: context.environment, temporaryFolder: context.temporaryFolder())
    }

    /// How a path is shown to the learner: relative to the current folder when inside it.
    public func display(_ file: URL) -> String {
        let base = context.currentDirectory.standardizedFileURL.path + "/"
        let path = file.standardizedFileURL.path
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }

    /// Checks `file` for `exercise` and (unless told not to) records the report.
    public func check(_ exercise: Exercise, file: URL, record: Bool = true, statedIntent: String? = nil) throws(AsynclingsError) -> Report {
        try check(exercise, file: file, record: record, statedIntent: statedIntent, source: nil)
    }

    /// As `check`, with the file's text when it has already been read (`source`).
    func check(_ exercise: Exercise, file: URL, record: Bool, statedIntent: String?, source: Checker.Answer?) throws(AsynclingsError) -> Report {
        let checker = try checker()
        let (report, harness) = try checker.checkWithHarness(exercise, file: file, displayPath: display(file), statedIntent: statedIntent, source: source)
        workspace.writeCompileCommands(swiftc: checker.toolchain.swiftc, kitFolder: harness.kitFolder)
        if record {
            let finished = report
            let now = context.now()
            save { state in
                state.record(finished, suite: exercise.suiteFingerprint)
                state.touch(exercise.name, at: now)
                state.current = exercise.name
            }
        }
        return report
    }

    /// Records a change to the progress state. When the workspace cannot be written, the
    /// command still does its job and says on standard error that progress was not saved.
    public func save(_ change: (inout ProgressState) -> Void) {
        do {
            try store.update { (state: inout ProgressState) throws(AsynclingsError) in change(&state) }
        } catch {
            let problem: String
            switch error {
            case .usage(let what, _), .toolFailure(let what, _): problem = what
            }
            context.printError("note: progress not saved: \(problem) Make \(workspace.folder.path) writable, or choose another workspace with --workspace DIR.")
        }
    }

    /// The exercise `name` names, or nil when no name was given.
    public func named(_ name: String?) throws(AsynclingsError) -> Exercise? {
        guard let name else { return nil }
        return try catalog.exercise(named: name)
    }

    /// The first exercise not yet passed (or the last one when all are).
    public func firstUnfinished(_ state: ProgressState) -> Exercise {
        catalog.exercises.first { state.exercises[$0.name]?.status != .passed } ?? catalog.exercises.last!
    }
}
