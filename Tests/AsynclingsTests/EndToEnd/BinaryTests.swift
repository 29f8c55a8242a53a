import Foundation
import XCTest
@testable import AsynclingsCore

/// Runs the built `asynclings` binary the way a learner would and checks output and exit codes.
final class BinaryTests: XCTestCase {
    private static func asynclings(_ arguments: [String], in folder: URL, environment extra: [String: String] = [:]) throws -> TestSupport.ProgramRun {
        var environment = ProcessInfo.processInfo.environment
        environment["ASYNCLINGS_CACHE"] = TestSupport.cache.path
        environment.removeValue(forKey: "ASYNCLINGS_WORKSPACE")
        for (key, value) in extra { environment[key] = value }
        return try TestSupport.runProgram(["/usr/bin/env", "-C", folder.path, TestSupport.binary.path] + arguments, environment: environment)
    }

    private func asynclings(_ arguments: [String], in folder: URL, environment extra: [String: String] = [:]) throws -> TestSupport.ProgramRun {
        try Self.asynclings(arguments, in: folder, environment: extra)
    }

    func testVersionAndHelp() throws {
        let folder = TestSupport.temporaryFolder()
        let version = try asynclings(["--version"], in: folder)
        XCTAssertEqual(version.status, 0)
        XCTAssertTrue(version.out.hasPrefix("asynclings "))
        let help = try asynclings(["--help"], in: folder)
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.out.contains("run [NAME]"))
        XCTAssertTrue(help.out.contains("show [NAME]"), "show is in --help")
        let runHelp = try asynclings(["help", "run"], in: folder)
        XCTAssertTrue(runHelp.out.contains("--file"))
        for topic in [nil] + Arguments.commands {
            let text = try asynclings(topic.map { ["help", $0] } ?? ["--help"], in: folder).out
            let wide = text.split(separator: "\n").filter { $0.count > 80 }
            XCTAssertEqual(wide, [], "help \(topic ?? "") fits 80 columns")
        }
    }

    func testUnknownNamesAndOptionsAreUsageErrors() throws {
        let folder = TestSupport.temporaryFolder()
        let unknown = try asynclings(["run", "fetch-al"], in: folder)
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.err.contains("Did you mean fetch-all"), unknown.err)
        XCTAssertEqual(try asynclings(["frobnicate"], in: folder).status, 2)
        XCTAssertEqual(try asynclings(["list", "--bogus"], in: folder).status, 2)
        XCTAssertEqual(try asynclings(["show", "fetch-al"], in: folder).status, 2)
        let missing = try asynclings(["run", "fetch-all", "--file", "nope.swift"], in: folder)
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.err.contains("nope.swift"))
    }

    func testAMissingCatalogOrCompilerIsExitThree() throws {
        let folder = TestSupport.temporaryFolder()
        let catalog = try asynclings(["list", "--catalog", "/nonexistent/exercises"], in: folder)
        XCTAssertEqual(catalog.status, 3)
        XCTAssertTrue(catalog.err.contains("--catalog"), catalog.err)
        let compiler = try asynclings(["run", "fetch-all"], in: folder, environment: ["PATH": "/nonexistent", "ASYNCLINGS_SWIFTC": ""])
        XCTAssertEqual(compiler.status, 3)
        XCTAssertTrue(compiler.err.contains("swiftc"), compiler.err)
        XCTAssertFalse(compiler.err.contains("Fatal error"))
    }

    func testRunPassesTheReferenceAndFailsTheStarter() throws {
        let folder = TestSupport.temporaryFolder()
        let reference = TestSupport.root.appendingPathComponent("exercises/01-fetch-all/Reference.swift").path
        let pass = try asynclings(["run", "fetch-all", "--file", reference], in: folder)
        XCTAssertEqual(pass.status, 0, pass.out + pass.err)
        XCTAssertTrue(pass.out.contains("PASS"))
        XCTAssertFalse(pass.out.contains("\u{1B}["), "no colour off a terminal")

        let json = try asynclings(["run", "1", "--json"], in: folder)
        XCTAssertEqual(json.status, 1)
        XCTAssertEqual(json.err, "", "a newcomer's first check warns about nothing")
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        XCTAssertEqual(object["format"] as? Int, 1)
        XCTAssertEqual(object["verdict"] as? String, "fail")
        XCTAssertEqual(object["file"] as? String, "practice/fetch-all.swift")
        XCTAssertNotNil(object["latency"] as? [String: Any])
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("practice/fetch-all.swift").path))
    }

    func testAnAnswerThatWritesRelativePathsCannotTouchTheWorkspace() throws {
        // The answer overwrites "its own" file and the state by relative paths from the folder
        // the tutor was started in; the test binary works in its run folder, so both stay intact.
        let folder = TestSupport.temporaryFolder()
        XCTAssertEqual(try asynclings(["run", "fetch-all"], in: folder).status, 1)
        let practice = folder.appendingPathComponent("practice")
        let reference = try String(contentsOf: TestSupport.exercise("fetch-all").referenceFile, encoding: .utf8)
        let answer = reference.replacingOccurrences(of: "func fetchAll(", with: "func fetchAllForReal(") + """

            func fetchAll(_ urls: [URL], client: some HTTPClient) async throws -> [Data] {
                for path in ["practice/fetch-all.swift", "practice/.asynclings/state.json"] {
                    FileManager.default.createFile(atPath: path, contents: Data("gone".utf8))
                }
                return try await fetchAllForReal(urls, client: client)
            }

            """
        XCTAssertNotEqual(answer, reference)
        try answer.write(to: practice.appendingPathComponent("fetch-all.swift"), atomically: true, encoding: .utf8)
        let run = try asynclings(["run", "fetch-all"], in: folder)
        XCTAssertEqual(run.status, 0, run.out + run.err)
        XCTAssertEqual(try String(contentsOf: practice.appendingPathComponent("fetch-all.swift"), encoding: .utf8), answer)
        let state = try Data(contentsOf: practice.appendingPathComponent(".asynclings/state.json"))
        XCTAssertNotNil(try? JSONDecoder().decode(ProgressState.self, from: state), "the state file is still the tutor's")
    }

    /// Puts an edited starter (a comment added) in `folder`'s workspace: the untouched
    /// starter's checks are not recorded.
    private func editStarter(in folder: URL) throws {
        let practice = folder.appendingPathComponent("practice")
        try FileManager.default.createDirectory(at: practice, withIntermediateDirectories: true)
        let starter = try Data(contentsOf: TestSupport.exercise("fetch-all").starterFile)
        try (starter + Data("\n// first try\n".utf8)).write(to: practice.appendingPathComponent("fetch-all.swift"))
    }

    func testTwoTutorsOnOneWorkspaceLoseNoUpdate() throws {
        let folder = TestSupport.temporaryFolder()
        try editStarter(in: folder)
        XCTAssertEqual(try asynclings(["run", "fetch-all"], in: folder).status, 1)
        // Two tutor processes check the same exercise three times each, at the same time.
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            for _ in 0..<3 { _ = try? Self.asynclings(["run", "fetch-all"], in: folder) }
        }
        let state = StateStore(folder: folder.appendingPathComponent("practice/.asynclings"), warn: { _ in }, now: Date.init).load()
        XCTAssertEqual(state.exercises["fetch-all"]?.attempts, 7)
    }

    func testListHintReviewSolutionAndResetWorkTogether() throws {
        // A workspace whose path has spaces and non-ASCII letters.
        let folder = TestSupport.temporaryFolder().appendingPathComponent("my wörk – space")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try editStarter(in: folder)
        XCTAssertEqual(try asynclings(["run", "fetch-all"], in: folder).status, 1)

        let list = try asynclings(["list"], in: folder)
        XCTAssertEqual(list.status, 0)
        XCTAssertTrue(list.out.contains("fetch-all") && list.out.contains("in progress"), list.out)

        let hint = try asynclings(["hint", "fetch-all"], in: folder)
        XCTAssertTrue(hint.out.contains("Hint 1 of"), hint.out)
        XCTAssertTrue(try asynclings(["hint", "fetch-all"], in: folder).out.contains("Hint 2 of"))

        let locked = try asynclings(["solution", "fetch-all"], in: folder)
        XCTAssertEqual(locked.status, 2)
        XCTAssertTrue(locked.err.contains("--force"))

        let practice = folder.appendingPathComponent("practice/fetch-all.swift")
        try FileManager.default.removeItem(at: practice)
        try FileManager.default.copyItem(at: TestSupport.root.appendingPathComponent("exercises/01-fetch-all/Reference.swift"), to: practice)
        XCTAssertEqual(try asynclings(["run", "fetch-all"], in: folder).status, 0)
        XCTAssertTrue(try asynclings(["solution", "fetch-all"], in: folder).out.contains("What a strong candidate says"))

        let review = try asynclings(["review"], in: folder)
        XCTAssertEqual(review.status, 0)
        XCTAssertTrue(review.out.contains("fetch-all") && review.out.contains("passed"), review.out)
        let one = try asynclings(["review", "fetch-all", "--json"], in: folder)
        XCTAssertEqual(one.status, 0)
        XCTAssertTrue(one.out.contains("\"checklist\""))

        let reset = try asynclings(["reset", "fetch-all"], in: folder)
        XCTAssertEqual(reset.status, 0)
        let backups = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("practice/.asynclings/backup").path)
        XCTAssertEqual(backups.count, 1)
        XCTAssertTrue(reset.out.contains(backups[0]))
    }

    func testBareCommandOffATerminalSaysWhatToDo() throws {
        let folder = TestSupport.temporaryFolder()
        let bare = try asynclings([], in: folder)
        XCTAssertEqual(bare.status, 0)
        XCTAssertTrue(bare.out.contains("practice/fetch-all.swift"), bare.out)
        XCTAssertTrue(bare.out.contains("asynclings run fetch-all"))
    }
}
