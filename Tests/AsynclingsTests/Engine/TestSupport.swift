import Foundation
import Synchronization
import XCTest
@testable import AsynclingsCore

/// Shared fixtures: the source tree, temporary folders, a captured context.
enum TestSupport {
    /// The repository root (this file is Tests/AsynclingsTests/Engine/TestSupport.swift).
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The built `asynclings` executable, beside the test bundle.
    static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("asynclings")
    }

    /// A harness cache shared by every test of this run.
    static let cache: URL = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("asynclings-test-cache")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }()

    /// A fresh empty folder.
    static func temporaryFolder() -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("asynclings-test-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static var catalog: Catalog { get throws { try Catalog(folder: root.appendingPathComponent("exercises")) } }

    static func exercise(_ name: String) throws -> Exercise { try catalog.exercise(named: name) }

    /// The small catalog of fixture exercises under Tests/Fixtures/catalog.
    static var fixtureCatalog: Catalog { get throws { try Catalog(folder: root.appendingPathComponent("Tests/Fixtures/catalog")) } }

    static func fixture(_ name: String) throws -> Exercise { try fixtureCatalog.exercise(named: name) }

    /// Compiles `source` alone, as an answer is, to an object file, and returns its path.
    static func compileObject(_ source: String) throws -> URL {
        let build = try checker().harness.prepare(toolchain: try checker().toolchain)
        let file = file(source)
        let object = file.deletingLastPathComponent().appendingPathComponent("answer.o")
        let result = try ProcessRunner().run(ProcessRequest(
            executable: try checker().toolchain.swiftc,
            arguments: SuiteBuild.answerFlags + ["-I", build.kitFolder.path, "-c", file.path, "-o", object.path],
            environment: ProcessInfo.processInfo.environment, outputFile: file.path + ".log", timeLimit: 120))
        XCTAssertEqual(result.exitStatus, 0, (try? String(contentsOfFile: file.path + ".log", encoding: .utf8)) ?? "")
        return object
    }

    /// A checker on this machine's toolchain with the shared cache.
    static func checker() throws -> Checker {
        var environment = ProcessInfo.processInfo.environment
        environment["ASYNCLINGS_CACHE"] = cache.path
        let toolchain = try Toolchain.locate(environment: environment)
        return Checker(
            toolchain: toolchain, harness: HarnessCache(folder: cache, sourceRoot: root, launcher: ProcessRunner(), environment: environment),
            launcher: ProcessRunner(), environment: environment, temporaryFolder: FileManager.default.temporaryDirectory)
    }

    /// Writes `source` to a temporary file and returns it.
    static func file(_ source: String, name: String = "answer.swift") -> URL {
        let file = temporaryFolder().appendingPathComponent(name)
        try? source.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    /// Checks `source` as an answer to `exercise` through the whole check.
    static func check(_ source: String, exercise name: String, timeLimit: Double? = nil) throws -> Report {
        var exercise = try exercise(name)
        if let timeLimit { exercise.timeLimitSeconds = timeLimit }
        return try checkWithDeadline(exercise, file: file(source), displayPath: "answer.swift")
    }

    /// A check that did not end by its deadline.
    struct TutorHung: Error, CustomStringConvertible {
        let seconds: Double
        var description: String { "the tutor did not finish a check within \(Int(seconds)) s (compile limit + time limit + 5 s): it hung" }
    }

    /// Runs a check on its own thread and waits for it until the compiler's limit (120 s) plus
    /// the exercise's time limit plus 5 s. Only a hung tutor misses that deadline; the test then
    /// fails with `TutorHung` instead of hanging the suite.
    static func checkWithDeadline(_ exercise: Exercise, file: URL, displayPath: String) throws -> Report {
        let checker = try checker()
        let before = FileManager.default.contents(atPath: file.path)
        defer { XCTAssertEqual(FileManager.default.contents(atPath: file.path), before, "a check changed the learner's file") }
        let outcome = Mutex<Result<Report, AsynclingsError>?>(nil)
        let finished = DispatchSemaphore(value: 0)
        Thread {
            let result = Result { () throws(AsynclingsError) -> Report in
                try checker.check(exercise, file: file, displayPath: displayPath)
            }
            outcome.withLock { $0 = result }
            finished.signal()
        }.start()
        let deadline = 120 + exercise.timeLimitSeconds + 5
        guard finished.wait(timeout: .now() + deadline) == .success else { throw TutorHung(seconds: deadline) }
        return try outcome.withLock { $0! }.get()
    }

    /// Every file under `folder`, by relative path, to compare before and after.
    static func snapshot(_ folder: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let path = enumerator?.nextObject() as? String {
            if let data = FileManager.default.contents(atPath: folder.appendingPathComponent(path).path) { files[path] = data }
        }
        return files
    }

    /// How a program run by a test ended, and what it printed.
    struct ProgramRun {
        let status: Int32
        let signal: Int32?
        let timedOut: Bool
        let out: String
        let err: String
    }

    /// Runs `command` (the program's path first) to its end, standard error kept apart.
    static func runProgram(_ command: [String], environment: [String: String], timeLimit: Double = 120) throws -> ProgramRun {
        let logs = temporaryFolder()
        chmod(logs.path, 0o777)
        defer { try? FileManager.default.removeItem(at: logs) }
        let out = logs.appendingPathComponent("out").path, err = logs.appendingPathComponent("err").path
        let result = try ProcessRunner().run(ProcessRequest(
            executable: command[0], arguments: Array(command.dropFirst()),
            environment: environment, outputFile: out, timeLimit: timeLimit, errorFile: err))
        XCTAssertFalse(result.timedOut, "\(command) did not finish")
        return ProgramRun(
            status: result.exitStatus ?? -1, signal: result.signal, timedOut: result.timedOut,
            out: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
            err: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
    }

    /// A context that records what is printed.
    static func context(cwd: URL, environment extra: [String: String] = [:]) -> (Context, Output) {
        let output = Output()
        var environment = ProcessInfo.processInfo.environment
        environment["ASYNCLINGS_CACHE"] = cache.path
        environment["ASYNCLINGS_CATALOG"] = root.appendingPathComponent("exercises").path
        for (key, value) in extra { environment[key] = value }
        // The terminal is left out: a test that reaches it without giving one fails.
        let context = Context.test(
            currentDirectory: cwd, environment: environment,
            print: { output.append(out: $0) }, printError: { output.append(err: $0) },
            launcher: ProcessRunner(), now: { Date(timeIntervalSince1970: 1_800_000_000) }, readLine: { nil },
            modificationDate: Workspace.modificationDate(of:), temporaryFolder: { FileManager.default.temporaryDirectory })
        return (context, output)
    }

    /// Captured standard output and error.
    final class Output: Sendable {
        private let text = Mutex<(out: String, err: String)>(("", ""))
        func append(out line: String) { text.withLock { $0.out += line + "\n" } }
        func append(err line: String) { text.withLock { $0.err += line + "\n" } }
        var out: String { text.withLock { $0.out } }
        var err: String { text.withLock { $0.err } }
    }
}
