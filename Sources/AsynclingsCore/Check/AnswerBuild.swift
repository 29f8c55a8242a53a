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
    /// The harness build.
    let harness: HarnessCache.Build
    /// The exercise's suite build.
    let suite: SuiteBuild.Artefacts

    /// Line tables only (no types or variables), so a crash can be traced to the learner's line
    /// (`CrashLocation`); the cheapest debug information that gives lines (Scripts/bench).
    static let lineTables = ["-gline-tables-only"]

    /// Compile and link time, in seconds, of the last `build`.
    private(set) var seconds = 0.0

    /// Builds `answer` (a snapshot in `run`) into a test binary in `run`.
    mutating func build(_ answer: URL, in run: RunFolder) throws(AsynclingsError) -> Outcome {
        let folder = run.folder
        let object = folder.appendingPathComponent("answer.o")
        let module = folder.appendingPathComponent("module")
        try? FileManager.default.createDirectory(at: module, withIntermediateDirectories: true)
        let compile = try runCompiler(SuiteBuild.answerFlags + toolchain.fastFlags + Self.lineTables + [
            "-diagnostic-style", "llvm", "-no-emit-module-separately-wmo",
            "-I", harness.kitFolder.path, "-c", answer.path, "-o", object.path,
            "-emit-module", "-emit-module-path", module.appendingPathComponent("\(SuiteBuild.answerModule).swiftmodule").path,
        ], log: "compile.log", in: run)
        let log = (try? String(contentsOf: folder.appendingPathComponent("compile.log"), encoding: .utf8)) ?? ""
        let diagnostics = CompilerOutput(log: log, learnerPath: answer.path, suitePath: "").diagnostics
        guard compile.exitStatus == 0, let objectData = try? Data(contentsOf: object) else {
            return .rejected(diagnostics.isEmpty ? [Self.error(compile.timedOut ? "the compiler took longer than 120 s and was stopped." : String(log.suffix(1500)))] : diagnostics)
        }
        if let objectFile = ObjectFile(objectData) {
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
        let link = try runCompiler(toolchain.fastFlags.filter { $0 != "-wmo" } + [
            object.path, suite.suiteObject.path,
            "-L", harness.folder.path, "-lInterviewHarness", "-lResultsFormat", "-lInterviewKit", "-o", binary.path,
        ], log: "link.log", in: run)
        guard link.exitStatus == 0, FileManager.default.fileExists(atPath: binary.path) else {
            let linkLog = (try? String(contentsOf: folder.appendingPathComponent("link.log"), encoding: .utf8)) ?? ""
            return .rejected([Self.error(linkProblem(linkLog))])
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

    private mutating func runCompiler(_ arguments: [String], log: String, in run: RunFolder) throws(AsynclingsError) -> ProcessResult {
        var environment = ProcessInfo.processInfo.environment
        environment["TMPDIR"] = run.folder.path
        let result = try launcher.run(ProcessRequest(
            executable: toolchain.swiftc, arguments: arguments, environment: environment,
            outputFile: run.folder.appendingPathComponent(log).path, timeLimit: 120))
        seconds += result.seconds
        return result
    }

    private static func error(_ message: String) -> Report.Diagnostic {
        .init(line: 0, column: 0, severity: "error", message: message)
    }
}
