#if canImport(Glibc)
import Glibc
#endif
import Foundation
import XCTest
@testable import AsynclingsCore

/// A workspace the tutor cannot write: every command still does what it can, says clearly what
/// it could not do and how to fix it, and changes nothing. Root ignores file modes, so when the
/// suite runs as root the binary is started as `nobody` through setpriv.
final class ReadOnlyWorkspaceTests: XCTestCase {
    private var folder: URL!
    private var home: URL!

    override func setUpWithError() throws {
        folder = TestSupport.temporaryFolder()
        home = TestSupport.temporaryFolder()
        chmod(home.path, 0o777)
        chmod(folder.path, 0o755)
        // A learner who has edited and checked fetch-all once, then lost write access to the
        // workspace (the untouched starter would not be recorded).
        let practice = folder.appendingPathComponent("practice")
        try FileManager.default.createDirectory(at: practice, withIntermediateDirectories: true)
        let starter = try Data(contentsOf: TestSupport.exercise("fetch-all").starterFile)
        try (starter + Data("\n// first try\n".utf8)).write(to: practice.appendingPathComponent("fetch-all.swift"))
        let first = try asynclings(["run", "fetch-all"], asNobody: false)
        XCTAssertEqual(first.status, 1, first.err)
        try setWritable(false)
    }

    override func tearDownWithError() throws {
        try setWritable(true)
        try? FileManager.default.removeItem(at: folder)
        try? FileManager.default.removeItem(at: home)
    }

    private func setWritable(_ writable: Bool) throws {
        let practice = folder.appendingPathComponent("practice")
        let enumerator = FileManager.default.enumerator(atPath: practice.path)
        var paths = [practice.path]
        while let path = enumerator?.nextObject() as? String { paths.append(practice.appendingPathComponent(path).path) }
        for path in paths {
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
            chmod(path, isFolder.boolValue ? (writable ? 0o755 : 0o555) : (writable ? 0o644 : 0o444))
        }
    }

    private func asynclings(_ arguments: [String], asNobody: Bool = true) throws -> TestSupport.ProgramRun {
        var environment = ProcessInfo.processInfo.environment
        environment["ASYNCLINGS_CACHE"] = TestSupport.cache.path
        environment.removeValue(forKey: "ASYNCLINGS_WORKSPACE")
        var command = ["/usr/bin/env", "-C", folder.path, TestSupport.binary.path] + arguments
        if asNobody && geteuid() == 0 {
            let setpriv = "/usr/bin/setpriv"
            guard FileManager.default.isExecutableFile(atPath: setpriv) else {
                throw XCTSkip("running as root without \(setpriv), so a read-only folder cannot be made")
            }
            command = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"] + command
            // The compiler's module cache lives under HOME, which must be nobody's own.
            environment["HOME"] = home.path
            environment.removeValue(forKey: "XDG_CACHE_HOME")
        }
        return try TestSupport.runProgram(command, environment: environment)
    }

    func testEveryCommandSaysWhatItCouldNotDoAndChangesNothing() throws {
        let before = TestSupport.snapshot(folder.appendingPathComponent("practice"))
        XCTAssertNotNil(before["fetch-all.swift"])
        XCTAssertNotNil(before[".asynclings/state.json"])

        // A check still reports; only the progress is not saved.
        let run = try asynclings(["run", "fetch-all"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.out.contains("fetch-all — Fetch all of these URLs  FAIL"), run.out)
        XCTAssertTrue(run.err.contains("progress not saved") && run.err.contains("--workspace DIR"), run.err)

        let hint = try asynclings(["hint", "fetch-all"])
        XCTAssertEqual(hint.status, 0)
        XCTAssertTrue(hint.out.contains("Hint 1 of"), hint.out)
        XCTAssertTrue(hint.err.contains("progress not saved"), hint.err)

        let list = try asynclings(["list"])
        XCTAssertEqual(list.status, 0)
        XCTAssertTrue(list.out.contains("in progress"), "the saved state is still read: \(list.out)")

        // What needs a write is refused with exit 3 and how to fix it.
        let reset = try asynclings(["reset", "fetch-all"])
        XCTAssertEqual(reset.status, 3)
        XCTAssertTrue(reset.err.contains("Your file was not changed"), reset.err)

        let fresh = try asynclings(["run", "fetch-all-settled"])
        XCTAssertEqual(fresh.status, 3)
        XCTAssertTrue(fresh.err.contains("not writable") && fresh.err.contains("--workspace DIR"), fresh.err)

        for result in [run, hint, list, reset, fresh] {
            XCTAssertFalse(result.err.contains("Fatal error") || result.err.contains("Stack dump"), result.err)
        }
        XCTAssertEqual(TestSupport.snapshot(folder.appendingPathComponent("practice")), before, "nothing in the workspace changed")
    }
}
