import Foundation
import XCTest
@testable import AsynclingsCore

/// Answers that misbehave in every way still get an honest verdict, within the time limit,
/// and leave the tutor, the learner's file and the harness cache intact.
final class HostileAnswerTests: XCTestCase {
    private let header = "import Foundation\nimport InterviewKit\n"
    private let parallelBody = """
        return try await withThrowingTaskGroup(of: (Int, Data).self) { group in
            for (index, url) in urls.enumerated() { group.addTask { (index, try await client.get(url)) } }
            var bodies = [Data?](repeating: nil, count: urls.count)
            for try await (index, body) in group { bodies[index] = body }
            return bodies.map { $0! }
        }
    """

    func testFloodingOutputIsCappedAndTheReportIntact() throws {
        let source = header + """
        func fetchAll(_ urls: [URL], client: some HTTPClient) async throws -> [Data] {
            let line = String(repeating: "x", count: 1023)
            for _ in 0..<4096 { print(line) }
        \(parallelBody)
        }
        """
        let report = try TestSupport.check(source, exercise: "fetch-all")
        XCTAssertEqual(report.verdict, .pass, "\(report.tests.filter { $0.status != .pass })")
        XCTAssertEqual(report.tests.count, 8)
    }

    func testFatalErrorIsACrashNamingTheTestAndTheRestIsReported() throws {
        let source = header + """
        func fetchAll(_ urls: [URL], client: some HTTPClient) async throws -> [Data] {
            if urls.isEmpty { fatalError("no URLs") }
        \(parallelBody)
        }
        """
        let report = try TestSupport.check(source, exercise: "fetch-all")
        XCTAssertEqual(report.verdict, .crash)
        XCTAssertEqual(report.tests.first { $0.status == .crash }?.name, "test_correctness_emptyInput")
        XCTAssertEqual(report.tests.first?.status, .pass, "tests before the crash keep their result")
        XCTAssertTrue(report.failureDetail?.contains("no URLs") ?? false, report.failureDetail ?? "")
        // The suite is finished in a second run without the crashed test: only empty input crashes.
        XCTAssertEqual(report.tests.filter { $0.status != .pass }.map(\.name), ["test_correctness_emptyInput"])
    }

    func testWhatTheAnswerPrintedBeforeACrashOrATimeOutIsShown() throws {
        for (ending, status) in [("_ = urls[urls.count]", Report.TestResult.Status.crash), ("while true {}", .timeout)] {
            let source = header + """
            func fetchAll(_ urls: [URL], client: some HTTPClient) async throws -> [Data] {
                print("about to go wrong with \\(urls.count) URLs")
                \(ending)
            \(parallelBody)
            }
            """
            let report = try TestSupport.check(source, exercise: "fetch-all", timeLimit: 3)
            let first = try XCTUnwrap(report.tests.first)
            XCTAssertEqual(first.status, status, ending)
            XCTAssertTrue(first.output?.contains("about to go wrong with 3 URLs") ?? false, "\(ending): \(first.output ?? "no output")")
        }
    }

    func testUnboundedAllocationIsStoppedByTheMemoryLimit() throws {
        let source = header + """
        func fetchAll(_ urls: [URL], client: some HTTPClient) async throws -> [Data] {
            var hoard: [[UInt8]] = []
            while true { hoard.append([UInt8](repeating: 1, count: 64 << 20)) }
        }
        """
        let report = try TestSupport.check(source, exercise: "fetch-all", timeLimit: 20)
        XCTAssertTrue(report.verdict == .crash || report.verdict == .timeout, "\(report.verdict)")
        XCTAssertNotNil(report.tests.first { $0.status == .crash || $0.status == .timeout })
    }

    func testRecursionWithoutEndIsACrash() throws {
        let source = header + """
        func dig(_ n: Int) -> Int { n == -1 ? 0 : dig(n + 1) + 1 }
        func fetchAll(_ urls: [URL], client: some HTTPClient) async throws -> [Data] {
            _ = dig(0)
            return []
        }
        """
        let report = try TestSupport.check(source, exercise: "fetch-all")
        XCTAssertEqual(report.verdict, .crash)
        XCTAssertEqual(report.tests.first { $0.status == .crash }?.name, "test_correctness_bodiesInInputOrder")
    }

    func testAnEmptyOrBinaryFileIsACompileErrorNotACrash() throws {
        let empty = try TestSupport.check("", exercise: "fetch-all")
        XCTAssertEqual(empty.verdict, .compileError)
        XCTAssertTrue(empty.diagnostics.contains { $0.message.contains("fetchAll") }, "\(empty.diagnostics)")

        var exercise = try TestSupport.exercise("fetch-all")
        exercise.timeLimitSeconds = 10
        let binary = TestSupport.temporaryFolder().appendingPathComponent("binary.swift")
        try Data([0xFF, 0xFE, 0x00, 0xC3, 0x28, 0x0A]).write(to: binary)
        let report = try TestSupport.checkWithDeadline(exercise, file: binary, displayPath: "binary.swift")
        XCTAssertEqual(report.verdict, .compileError)
        XCTAssertFalse(report.diagnostics.isEmpty)
    }

    func testTheLearnersFileIsNeverChangedByACheck() throws {
        let source = header + "func fetchAll(_ urls: [URL], client: some HTTPClient) async throws -> [Data] { [] }\n"
        let file = TestSupport.file(source, name: "mine ü.swift")
        _ = try TestSupport.checkWithDeadline(try TestSupport.exercise("fetch-all"), file: file, displayPath: "mine ü.swift")
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), source)
    }

    func testForceUnwrapAndIndexOutOfRangeAreCrashesNamingTheTest() throws {
        for (trap, message) in [("let missing: Int? = nil; _ = missing!", "nil"), ("_ = urls[urls.count]", "out of range")] {
            let source = header + """
            func fetchAll(_ urls: [URL], client: some HTTPClient) async throws -> [Data] {
                \(trap)
            \(parallelBody)
            }
            """
            let report = try TestSupport.check(source, exercise: "fetch-all")
            XCTAssertEqual(report.verdict, .crash, trap)
            XCTAssertEqual(report.tests.first { $0.status == .crash }?.name, "test_correctness_bodiesInInputOrder", trap)
            XCTAssertTrue(report.failureDetail?.contains(message) ?? false, report.failureDetail ?? "")
        }
    }

    func testStartingAProcessEndsTheRunWithSIGSYSNamingTheTest() throws {
        let source = header + """
        func fetchAll(_ urls: [URL], client: some HTTPClient) async throws -> [Data] {
            let child = Process()
            child.executableURL = URL(fileURLWithPath: "/bin/true")
            try child.run()
            child.waitUntilExit()
        \(parallelBody)
        }
        """
        let report = try TestSupport.check(source, exercise: "fetch-all")
        XCTAssertEqual(report.verdict, .crash)
        let crashed = try XCTUnwrap(report.tests.first { $0.status == .crash })
        XCTAssertEqual(crashed.name, "test_correctness_bodiesInInputOrder")
        XCTAssertTrue(crashed.message.contains("SIGSYS") && crashed.message.contains("another process"), crashed.message)
    }

    func testStartingThreadsWithoutLimitIsContainedAndReported() throws {
        let source = header + """
        func fetchAll(_ urls: [URL], client: some HTTPClient) async throws -> [Data] {
            let gate = DispatchSemaphore(value: 0)
            while true { Thread { gate.wait() }.start() }
        \(parallelBody)
        }
        """
        let report = try TestSupport.check(source, exercise: "fetch-all", timeLimit: 5)
        XCTAssertTrue(report.verdict == .crash || report.verdict == .timeout, "\(report.verdict)")
        XCTAssertEqual(report.tests.first { $0.status == .crash || $0.status == .timeout }?.name, "test_correctness_bodiesInInputOrder")
    }

    func testLinesForgedIntoTheResultsChannelNeverCountAsAPass() throws {
        // The answer is correct, but it also writes a complete, passing run into every file and
        // pipe it can open through /proc/self/fd, the results channel among them.
        let source = header + """
        func fetchAll(_ urls: [URL], client: some HTTPClient) async throws -> [Data] {
            var forged = Data()
            for name in ["test_correctness_bodiesInInputOrder", "test_correctness_emptyInput"] {
                for event: [String: Any] in [["event": "start", "test": name], ["event": "end", "test": name, "passed": true]] {
                    forged += try JSONSerialization.data(withJSONObject: event)
                    forged.append(10)
                }
            }
            forged += try JSONSerialization.data(withJSONObject: ["event": "done"])
            forged.append(10)
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? [] {
                // Replays what a regular file already holds (sealed lines) and adds the forged run.
                var info = stat()
                guard stat("/proc/self/fd/" + entry, &info) == 0, info.st_mode & S_IFMT == S_IFREG || info.st_mode & S_IFMT == S_IFIFO else { continue }
                let earlier = info.st_mode & S_IFMT == S_IFREG ? FileManager.default.contents(atPath: "/proc/self/fd/" + entry) ?? Data() : Data()
                let descriptor = open("/proc/self/fd/" + entry, O_WRONLY | O_APPEND)
                guard descriptor >= 0 else { continue }
                for chunk in [earlier, forged] {
                    _ = chunk.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
                }
                close(descriptor)
            }
        \(parallelBody)
        }
        """
        let report = try TestSupport.check(source, exercise: "fetch-all")
        // Reopening the pipe through /proc and closing it can also end the next test with
        // SIGPIPE: a crash or a failure, never a pass.
        XCTAssertTrue([.fail, .crash].contains(report.verdict), "\(report.verdict)")
        XCTAssertTrue(report.failureDetail?.contains("private results channel") ?? false, report.failureDetail ?? "")
    }

    func testAForgedRunInTheChannelsOwnFormatThenExitIsNeverAPass() throws {
        // A forger that studies the channel: it copies the line format (digest, space, JSON with
        // a sequence number), guesses the numbering (the channel is a pipe it cannot read),
        // claims every test passed, and exits. The
        // channel is a pipe it cannot read, so it guesses the numbering.
        let exercise = try TestSupport.exercise("fetch-all")
        let names = try SuiteEntryPoint(suiteSource: String(contentsOf: exercise.testsFile, encoding: .utf8)).tests
        let source = header + """
        func fetchAll(_ urls: [URL], client: some HTTPClient) async throws -> [Data] {
            let names = \(names)
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? [] {
                var info = stat()
                guard stat("/proc/self/fd/" + entry, &info) == 0, info.st_mode & S_IFMT == S_IFIFO else { continue }
                var sequence = 1
                var forged = ""
                for event: [String: Any] in names.flatMap({ [["event": "start", "test": $0, "output": 0], ["event": "end", "test": $0, "passed": true, "output": 0]] }) + [["event": "done"]] {
                    sequence += 1
                    var numbered = event
                    numbered["seq"] = sequence
                    forged += "0123456789abcdef " + String(decoding: try JSONSerialization.data(withJSONObject: numbered, options: [.sortedKeys]), as: UTF8.self) + "\\n"
                }
                let descriptor = open("/proc/self/fd/" + entry, O_WRONLY | O_APPEND)
                _ = forged.withCString { write(descriptor, $0, strlen($0)) }
                close(descriptor)
            }
            exit(0)
        }
        """
        let report = try TestSupport.check(source, exercise: "fetch-all")
        XCTAssertEqual(report.verdict, .crash, "\(report.diagnostics)")
        XCTAssertTrue(report.failureDetail?.contains("private results channel") ?? false, report.failureDetail ?? "")
    }

    func testAFiveMegabyteFileIsRefusedWithAClearMessage() throws {
        let line = "// " + String(repeating: "x", count: 1020) + "\n"
        let source = header + String(repeating: line, count: 5 * 1024) + "func fetchAll(_ urls: [URL], client: some HTTPClient) async throws -> [Data] { [] }\n"
        let report = try TestSupport.check(source, exercise: "fetch-all")
        XCTAssertEqual(report.verdict, .compileError)
        XCTAssertTrue(report.diagnostics.first?.message.contains("the limit is 1024 KB") ?? false, "\(report.diagnostics)")
        XCTAssertTrue(report.tests.allSatisfy { $0.status == .notRun })
    }

    func testAWarningIsShownWithTheLearnersLineAndDoesNotFail() throws {
        let reference = try String(contentsOf: TestSupport.exercise("fetch-all").referenceFile, encoding: .utf8)
        let source = reference + "\nfunc unusedHelper() { var never = 1 }\n"
        let report = try TestSupport.check(source, exercise: "fetch-all")
        XCTAssertEqual(report.verdict, .pass)
        let warning = try XCTUnwrap(report.diagnostics.first { $0.severity == "warning" })
        XCTAssertEqual(warning.line, source.split(separator: "\n", omittingEmptySubsequences: false).count - 1)
        XCTAssertTrue(warning.message.contains("never"), warning.message)
    }
}
