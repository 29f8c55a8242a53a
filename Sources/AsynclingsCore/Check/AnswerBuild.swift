import Foundation

/// Turns one answer into a test binary: the answer compiled alone as module `Solution` (seeing
/// InterviewKit and nothing of the harness), its object checked, its declarations held against
/// the interface the suite uses, then linked with the suite object built once per exercise.
struct AnswerBuild {
    /// How it went: a binary, or the diagnostics that stopped it.
    enum Outcome {
        case built(URL)
        case rejected([Report.Diagnostic])
    }

    /// The compiler.
    let toolchain: Toolchain
    /// Runs it.
    let launcher: any ProcessLaunching
    /// The environment it runs with.
    let environment: [String: String]
    /// The harness build.
    let harness: HarnessCache.Build
    /// The exercise.
    let exercise: Exercise
    /// The exercise's suite build.
    let suite: SuiteBuild.Artefacts
    /// The compiler's jobs, run directly when known (see `DirectCommands`).
    var direct: DirectCommands?

    /// Line tables only (no types or variables), so a crash can be traced to the learner's line
    /// (`CrashLocation`); the cheapest debug information that gives lines (Scripts/bench).
    static let lineTables = ["-gline-tables-only"]

    /// Compile and link time, in seconds, of the last `build`.
    private(set) var seconds = 0.0

    /// Builds `answer` (a snapshot in `run`) into a test binary in `run`.
    mutating func build(_ answer: URL, in run: RunFolder) throws(AsynclingsError) -> Outcome {
        // The suite build says so both when the exercise asks for it and when its layout needs it.
        if suite.wholeModule { return try buildWholeModule(answer, in: run) }
        let folder = run.folder
        let object = folder.appendingPathComponent("answer.o")
        let module = folder.appendingPathComponent("module")
        try? FileManager.default.createDirectory(at: module, withIntermediateDirectories: true)
        let compile: ProcessResult
        if let direct {
            let job = direct.compile(answer: answer.path, object: object.path, moduleFolder: module.path)
            compile = try launch(job[0], Array(job.dropFirst()), log: "compile.log", in: run)
        } else {
            compile = try launch(toolchain.swiftc, Self.compileFlags(toolchain: toolchain, harness: harness) + exercise.compilerFlags + [
                "-c", answer.path, "-o", object.path,
                "-emit-module", "-emit-module-path", module.appendingPathComponent("\(SuiteBuild.answerModule).swiftmodule").path,
            ], log: "compile.log", in: run)
        }
        let log = (try? String(contentsOf: folder.appendingPathComponent("compile.log"), encoding: .utf8)) ?? ""
        let diagnostics = CompilerOutput(log: log, learnerPath: answer.path, suitePath: "").diagnostics
        guard compile.exitStatus == 0, let objectData = try? Data(contentsOf: object) else {
            return .rejected(diagnostics.isEmpty ? [Self.error(compile.timedOut ? "the compiler took longer than 120 s and was stopped." : String(log.suffix(1500)))] : diagnostics)
        }
        let objectFile = ObjectFile(objectData)
        if let objectFile {
            if let section = objectFile.startUpSection {
                return .rejected([Self.error("your code places something in the `\(section)` section, which runs before the tests start. That is not allowed in an answer.")])
            }
            if let foreign = objectFile.foreignDefinitions(module: SuiteBuild.answerModule).first {
                return .rejected([Self.error("your code defines the symbol `\(foreign)`, which lies outside your own module. Answers may only declare their own Swift names.")])
            }
            if let reach = objectFile.references(to: [SuiteBuild.suiteModule, "InterviewHarness", "ResultsFormat", "XCTest", "Testing"]).first {
                return .rejected([Self.error("your code refers to `\(reach)`, which belongs to the test machinery. Answers may use Foundation, the standard library and InterviewKit.")])
            }
        }
        let descriptor = (try? Data(contentsOf: module.appendingPathComponent("\(SuiteBuild.answerModule).abi.json"))) ?? Data()
        let mismatches = suite.interface.mismatches(answer: Interface.declarations(inDescriptor: descriptor))
        guard mismatches.isEmpty else {
            return .rejected(mismatches.map(Self.error))
        }
        let binary = folder.appendingPathComponent("tests")
        let link: ProcessResult
        if let direct, let objectFile {
            var libraries: [String] = []
            for entry in objectFile.autolinkEntries + suite.autolinkEntries where !libraries.contains(entry) { libraries.append(entry) }
            let job = direct.link(object: object.path, suite: suite.suiteObject.path, binary: binary.path, libraries: libraries)
            link = try launch(job[0], Array(job.dropFirst()), log: "link.log", in: run)
        } else {
            link = try launch(toolchain.swiftc, Self.linkFlags(toolchain: toolchain, harness: harness) + [
                object.path, suite.suiteObject.path, "-o", binary.path,
            ], log: "link.log", in: run)
        }
        guard link.exitStatus == 0, FileManager.default.fileExists(atPath: binary.path) else {
            let linkLog = (try? String(contentsOf: folder.appendingPathComponent("link.log"), encoding: .utf8)) ?? ""
            return .rejected([Self.error(linkProblem(linkLog))])
        }
        return .built(binary)
    }

    /// A whole-module exercise: the answer, the suite and its entry point compiled as one module
    /// (the suite cannot be compiled before the answer). The answer may then declare at top level
    /// only what the starter declares, plus private helpers, and extend only its own types, so
    /// nothing it declares is visible to the suite's files but the interface.
    private mutating func buildWholeModule(_ answer: URL, in run: RunFolder) throws(AsynclingsError) -> Outcome {
        let source = (try? String(contentsOf: answer, encoding: .utf8)) ?? ""
        let starter = (try? String(contentsOf: exercise.stubFile, encoding: .utf8)) ?? ""
        let refused = TopLevelDeclarations.problems(answer: source, starter: starter)
        guard refused.isEmpty else { return .rejected(refused) }
        let suiteFile = suite.folder.appendingPathComponent("Tests.swift")
        let binary = run.folder.appendingPathComponent("tests")
        let compile = try launch(toolchain.swiftc, ["-swift-version", "6", "-diagnostic-style", "llvm", "-module-name", SuiteBuild.answerModule]
            + exercise.compilerFlags + toolchain.fastFlags + Self.lineTables + [
                "-I", harness.folder.path, "-L", harness.folder.path, "-lInterviewHarness", "-lResultsFormat", "-lInterviewKit",
                answer.path, suiteFile.path, suite.folder.appendingPathComponent("main.swift").path, "-o", binary.path,
            ], log: "compile.log", in: run)
        let log = (try? String(contentsOf: run.folder.appendingPathComponent("compile.log"), encoding: .utf8)) ?? ""
        let diagnostics = CompilerOutput(log: log, learnerPath: answer.path, suitePath: suiteFile.path).diagnostics
        guard compile.exitStatus == 0, FileManager.default.fileExists(atPath: binary.path) else {
            return .rejected(diagnostics.isEmpty ? [Self.error(compile.timedOut ? "the compiler took longer than 120 s and was stopped." : String(log.suffix(1500)))] : diagnostics)
        }
        return .built(binary)
    }

    /// Names the declaration an undefined symbol belongs to, when the linker says one is missing.
    private func linkProblem(_ log: String) -> String {
        for declaration in suite.interface.declarations where log.contains(declaration.mangledName) {
            return "the hidden tests use `\(declaration.displayName)`, but your file does not provide it as the starter declares it." + (declaration.starterText.map { " Keep the starter's declaration: \($0)" } ?? "")
        }
        return "your answer compiled but could not be linked with the tests:\n" + String(log.suffix(1000))
    }

    /// The flags an answer is compiled with (before its own paths).
    static func compileFlags(toolchain: Toolchain, harness: HarnessCache.Build) -> [String] {
        SuiteBuild.answerFlags + toolchain.fastFlags + lineTables + [
            "-diagnostic-style", "llvm", "-no-emit-module-separately-wmo", "-I", harness.kitFolder.path,
        ]
    }

    /// The flags an answer's object is linked with (before the objects and the output).
    static func linkFlags(toolchain: Toolchain, harness: HarnessCache.Build) -> [String] {
        toolchain.fastFlags.filter { $0 != "-wmo" } + [
            "-L", harness.folder.path, "-lInterviewHarness", "-lResultsFormat", "-lInterviewKit",
        ]
    }

    /// The compiler's jobs for `harness`, derived once and kept beside it; nil when they cannot be.
    static func directCommands(toolchain: Toolchain, harness: HarnessCache.Build, launcher: any ProcessLaunching, environment: [String: String], scratch: URL) -> DirectCommands? {
        var flags = StableHash()
        flags.combine((compileFlags(toolchain: toolchain, harness: harness) + linkFlags(toolchain: toolchain, harness: harness)).joined(separator: " "))
        let file = harness.folder.appendingPathComponent("direct-commands-\(flags.hex).json")
        if let data = try? Data(contentsOf: file), let known = try? JSONDecoder().decode(DirectCommands.self, from: data) { return known }
        guard let derived = DirectCommands.derive(
            toolchain: toolchain, compileFlags: compileFlags(toolchain: toolchain, harness: harness),
            linkFlags: linkFlags(toolchain: toolchain, harness: harness), launcher: launcher, environment: environment, scratch: scratch),
              let data = try? JSONEncoder().encode(derived) else { return nil }
        let staged = harness.folder.appendingPathComponent("\(file.lastPathComponent).\(getpid())")
        if (try? data.write(to: staged)) != nil {
            if rename(staged.path, file.path) != 0 { try? FileManager.default.removeItem(at: staged) }
        }
        return derived
    }

    private mutating func launch(_ program: String, _ arguments: [String], log: String, in run: RunFolder) throws(AsynclingsError) -> ProcessResult {
        var environment = environment
        environment["TMPDIR"] = run.folder.path
        let result = try launcher.run(ProcessRequest(
            executable: program, arguments: arguments, environment: environment,
            outputFile: run.folder.appendingPathComponent(log).path, timeLimit: 120))
        seconds += result.seconds
        return result
    }

    private static func error(_ message: String) -> Report.Diagnostic {
        .init(line: 0, column: 0, severity: "error", message: message)
    }
}
