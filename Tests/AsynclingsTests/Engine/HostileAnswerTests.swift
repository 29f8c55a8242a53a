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
            // posix_spawn, which Process, system and popen use underneath. (Process itself now
            // fails before it gets that far: the socket it opens first is refused.)
            var child: pid_t = 0
            let arguments: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/true"), nil]
            _ = posix_spawn(&child, "/bin/true", nil, nil, arguments, nil)
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
            for descriptor in Int32(3)..<64 {
                // Replays what a file already holds (sealed lines) if it can be read (the sandbox
                // refuses reopening it through /proc/self/fd) and adds the forged run.
                var info = stat()
                guard fstat(descriptor, &info) == 0, [S_IFREG, S_IFIFO, S_IFSOCK].contains(info.st_mode & S_IFMT) else { continue }
                let earlier = FileManager.default.contents(atPath: "/proc/self/fd/\\(descriptor)") ?? Data()
                for chunk in [earlier, forged] {
                    _ = chunk.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
                }
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
            for descriptor in Int32(3)..<64 {
                var info = stat()
                guard fstat(descriptor, &info) == 0, [S_IFREG, S_IFIFO, S_IFSOCK].contains(info.st_mode & S_IFMT) else { continue }
                // The channel's lines, if they can be read, give the sequence to continue;
                // otherwise the forger guesses that two lines (sandbox, start) came first.
                let text = FileManager.default.contents(atPath: "/proc/self/fd/\\(descriptor)").map { String(decoding: $0, as: UTF8.self) } ?? ""
                var sequence = text.split(separator: "\\n").compactMap { line -> Int? in
                    guard let json = line.split(separator: " ", maxSplits: 1).last,
                          let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { return nil }
                    return object["seq"] as? Int
                }.max() ?? 2
                var forged = ""
                for event: [String: Any] in names.flatMap({ [["event": "start", "test": $0, "output": 0], ["event": "end", "test": $0, "passed": true, "output": 0]] }) + [["event": "done"]] {
                    sequence += 1
                    var numbered = event
                    numbered["seq"] = sequence
                    forged += "0123456789abcdef " + String(decoding: try JSONSerialization.data(withJSONObject: numbered, options: [.sortedKeys]), as: UTF8.self) + "\\n"
                }
                _ = forged.withCString { write(descriptor, $0, strlen($0)) }
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

    // MARK: - The fence: an answer touches nothing but its own run

    /// What an answer needs to try things and say how each went: `attempt` runs a call that
    /// returns -1 with errno on failure, and the answer ends with `fatalError("FENCE …")`, whose
    /// text the report shows ("The runtime said").
    private static let fenceHeader = """
        import Foundation
        import InterviewKit
        import Glibc

        func attempt(_ label: String, _ call: () -> Int) -> String {
            errno = 0
            let result = call()
            let how = result >= 0 ? "ALLOWED" : errno == EPERM ? "EPERM" : errno == EACCES ? "EACCES" : "errno\\(errno)"
            return "\\(label)=\\(how)"
        }

        func openFile(_ path: String, _ flags: Int32) -> Int { Int(open(path, flags, 0o644)) }

        """

    /// How one fenced run ended.
    private struct FencedRun {
        /// The report, as the tutor printed it with --json.
        let json: String
        /// Each attempt the answer reported, by label: "EPERM", "EACCES", "ALLOWED", …
        let outcomes: [String: String]
    }

    /// Runs the built tutor on `answer` as the learner's practice file for fetch-all, and checks
    /// what must hold whatever the answer tried: the tutor finished with a report and its usual
    /// exit code (1: a crash is no pass), and the catalog, the harness cache and the workspace
    /// (bar the tutor's own record of the attempt and the editor's compile_commands.json) are
    /// byte for byte as before.
    private func fencedRun(_ answer: String, extraFolders: [URL] = []) throws -> FencedRun {
        let workspace = TestSupport.temporaryFolder()
        let answer = answer.replacingOccurrences(of: "@WORKSPACE@", with: workspace.path)
        try answer.write(to: workspace.appendingPathComponent("fetch-all.swift"), atomically: true, encoding: .utf8)
        let hidden = workspace.appendingPathComponent(".asynclings")
        try FileManager.default.createDirectory(at: hidden, withIntermediateDirectories: true)
        try Data(#"{"format_version": 1, "exercises": {}}"#.utf8).write(to: hidden.appendingPathComponent("state.json"))
        let checker = try TestSupport.checker()
        // The exercise's suite is built before the snapshot: building it is the tutor's own doing.
        let build = try checker.artefacts(try TestSupport.exercise("fetch-all")).0.folder
        let catalog = TestSupport.root.appendingPathComponent("exercises")
        let watched = [catalog, build, workspace] + extraFolders
        let before = watched.map(TestSupport.snapshot)
        var environment = ProcessInfo.processInfo.environment
        environment["ASYNCLINGS_CACHE"] = TestSupport.cache.path
        environment["ASYNCLINGS_CATALOG"] = catalog.path
        environment.removeValue(forKey: "ASYNCLINGS_WORKSPACE")
        let run = try TestSupport.runProgram(
            ["/usr/bin/env", "-C", TestSupport.temporaryFolder().path, TestSupport.binary.path, "run", "fetch-all", "--json", "--workspace", workspace.path],
            environment: environment)
        XCTAssertNil(run.signal, "the tutor was killed: \(run.err)")
        XCTAssertEqual(run.status, 1, "a crashing answer is exit 1 with a report: \(run.err)")
        XCTAssertTrue(run.out.contains("\"verdict\" : \"crash\""), run.out.prefix(600) + run.err)
        for (folder, (old, new)) in zip(watched, zip(before, watched.map(TestSupport.snapshot))) {
            let mine = { (files: [String: Data]) in files.filter { !$0.key.hasPrefix(".asynclings/") && $0.key != "compile_commands.json" } }
            XCTAssertEqual(mine(new).keys.sorted(), mine(old).keys.sorted(), "files appeared or went in \(folder.path)")
            XCTAssertTrue(mine(new) == mine(old), "a file changed in \(folder.path)")
        }
        let state = try Data(contentsOf: workspace.appendingPathComponent(".asynclings/state.json"))
        let progress = try JSONDecoder().decode(ProgressState.self, from: state).exercises["fetch-all"]
        XCTAssertEqual(progress?.attempts, 1, "the state holds the tutor's record of this one check")
        XCTAssertEqual(progress?.status, .inProgress)
        var outcomes: [String: String] = [:]
        if let range = run.out.range(of: "FENCE ") {
            let line = run.out[range.upperBound...].prefix { $0 != "\\" && $0 != "\"" && $0 != "\n" }
            for pair in line.split(separator: " ") {
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                if parts.count == 2 { outcomes[parts[0]] = parts[1] }
            }
        }
        XCTAssertFalse(outcomes.isEmpty, "the answer's report of its attempts is missing: \(run.out.prefix(2000))")
        return FencedRun(json: run.out, outcomes: outcomes)
    }

    /// Asserts that every attempt in `labels` was made and refused.
    private func assertRefused(_ run: FencedRun, _ labels: [String], file: StaticString = #filePath, line: UInt = #line) {
        for label in labels {
            XCTAssertTrue(["EPERM", "EACCES"].contains(run.outcomes[label] ?? "missing"), "\(label): \(run.outcomes[label] ?? "not attempted")", file: file, line: line)
        }
    }

    func testAnAnswerCanWriteNoFileAnywhereFromAnyThread() throws {
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("asynclings-fence-\(UUID().uuidString)")
        let source = Self.fenceHeader + """
            func fetchAll(_ urls: [URL], client: some HTTPClient) async throws -> [Data] {
                // #filePath names the check's snapshot of the file, in the run folder; the answer
                // is told where the learner's workspace really is, as the strongest attacker knows.
                let beside = URL(fileURLWithPath: "@WORKSPACE@")
                let targets = [
                    ("cwd", "planted.txt"), ("tmp", "\(outside.path)"),
                    ("beside", beside.appendingPathComponent("planted.swift").path),
                    ("state", beside.appendingPathComponent(".asynclings/state.json").path),
                    ("own", #filePath),
                ]
                var outcomes: [String] = []
                for (label, path) in targets {
                    outcomes.append(attempt("create-\\(label)") { openFile(path, O_WRONLY | O_CREAT | O_TRUNC) })
                }
                for (label, path) in targets.suffix(2) {
                    outcomes.append(attempt("truncate-\\(label)") { Int(truncate(path, 0)) })
                }
                outcomes.append(attempt("mkdir-tmp") { Int(mkdir("\(outside.path)", 0o755)) })
                outcomes.append(attempt("rename-state") { Int(rename(beside.appendingPathComponent(".asynclings/state.json").path, beside.appendingPathComponent("moved").path)) })
                outcomes.append(attempt("chmod-own") { Int(chmod(#filePath, 0o777)) })
                // The same from threads the answer did not start itself, and from one it did.
                let done = DispatchSemaphore(value: 0)
                nonisolated(unsafe) var fromThreads: [String] = []
                DispatchQueue.global().async {
                    fromThreads.append(attempt("dispatch-create-beside") { openFile(beside.appendingPathComponent("dispatch.swift").path, O_WRONLY | O_CREAT) })
                    done.signal()
                }
                done.wait()
                Thread {
                    fromThreads.append(attempt("thread-create-tmp") { openFile("\(outside.path)", O_WRONLY | O_CREAT) })
                    done.signal()
                }.start()
                done.wait()
                fatalError("FENCE " + (outcomes + fromThreads).joined(separator: " "))
            }
            """
        let run = try fencedRun(source)
        let places = ["cwd", "tmp", "beside", "state", "own"]
        assertRefused(run, places.map { "create-\($0)" } + ["truncate-state", "truncate-own"])
        assertRefused(run, ["mkdir-tmp", "rename-state", "chmod-own", "dispatch-create-beside", "thread-create-tmp"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: outside.path), "a file was created in the temporary folder")
    }

    func testAnAnswerCannotReadTheCatalogItsBinaryOrTheCache() throws {
        let exercise = try TestSupport.exercise("fetch-all")
        let checker = try TestSupport.checker()
        // The exercise's suite is built before the snapshot: building it is the tutor's own doing.
        let build = try checker.artefacts(try TestSupport.exercise("fetch-all")).0.folder
        let source = Self.fenceHeader + """
            func fetchAll(_ urls: [URL], client: some HTTPClient) async throws -> [Data] {
                // The strongest guess: the answer knows every path (a hostile one can find them in
                // its own memory, where the suite's #filePath strings sit).
                let paths = [
                    ("suite", "\(exercise.testsFile.path)"), ("reference", "\(exercise.referenceFile.path)"),
                    ("catalog", "\(exercise.testsFile.deletingLastPathComponent().deletingLastPathComponent().path)"),
                    ("exe", "/proc/self/exe"), ("harness", "\(build.appendingPathComponent("libInterviewHarness.a").path)"),
                    ("cache", "\(TestSupport.cache.path)"), ("home", NSHomeDirectory()), ("passwd", "/etc/passwd"),
                ]
                var outcomes = paths.map { label, path in attempt("read-\\(label)") { openFile(path, O_RDONLY) } }
                outcomes.append(attempt("write-harness") { openFile(paths[4].1, O_WRONLY) })
                let done = DispatchSemaphore(value: 0)
                nonisolated(unsafe) var fromDispatch = ""
                DispatchQueue.global().async {
                    fromDispatch = attempt("dispatch-read-suite") { openFile(paths[0].1, O_RDONLY) }
                    done.signal()
                }
                done.wait()
                fatalError("FENCE " + (outcomes + [fromDispatch]).joined(separator: " "))
            }
            """
        let run = try fencedRun(source)
        assertRefused(run, ["suite", "reference", "catalog", "exe", "harness", "cache", "home", "passwd"].map { "read-\($0)" })
        assertRefused(run, ["write-harness", "dispatch-read-suite"])
        XCTAssertFalse(run.json.contains("XCTestCase"), "nothing of the suite reached the report")
    }

    func testAnAnswerCannotReachTheTutorsMemoryEnvironmentOrOutput() throws {
        let source = Self.fenceHeader + """
            func fetchAll(_ urls: [URL], client: some HTTPClient) async throws -> [Data] {
                let tutor = getppid()
                var outcomes = [
                    attempt("mem") { openFile("/proc/\\(tutor)/mem", O_RDONLY) },
                    attempt("mem-write") { openFile("/proc/\\(tutor)/mem", O_RDWR) },
                    attempt("environ") { openFile("/proc/\\(tutor)/environ", O_RDONLY) },
                    attempt("stdout") { openFile("/proc/\\(tutor)/fd/1", O_WRONLY) },
                    attempt("maps") { openFile("/proc/\\(tutor)/maps", O_RDONLY) },
                    attempt("own-stdout") { openFile("/proc/self/fd/1", O_WRONLY) },
                ]
                outcomes.append(attempt("list-proc") { opendir("/proc") == nil ? -1 : 0 })
                fatalError("FENCE " + outcomes.joined(separator: " "))
            }
            """
        let run = try fencedRun(source)
        assertRefused(run, ["mem", "mem-write", "environ", "stdout", "maps", "own-stdout", "list-proc"])
    }

    func testAnAnswerCannotSignalItsTutorOrAnyOtherProcess() throws {
        // kill(-1, SIGKILL) would end every process this user may signal; it is sent only after
        // the answer has seen that the filter refuses it (kill(-1, 0) fails with EPERM): the
        // filter judges the target, never the signal. Without the fence it reports OPEN instead.
        let source = Self.fenceHeader + """
            func fetchAll(_ urls: [URL], client: some HTTPClient) async throws -> [Data] {
                let tutor = getppid()
                var outcomes = [attempt("probe-tutor") { Int(kill(tutor, 0)) }, attempt("probe-all") { Int(kill(-1, 0)) },
                                attempt("probe-group") { Int(kill(0, 0)) }]
                let fenced = outcomes.allSatisfy { $0.hasSuffix("=EPERM") }
                if fenced {
                    outcomes += [
                        attempt("stop-tutor") { Int(kill(tutor, SIGSTOP)) }, attempt("kill-tutor") { Int(kill(tutor, SIGKILL)) },
                        attempt("kill-all") { Int(kill(-1, SIGKILL)) }, attempt("kill-group") { Int(kill(0, SIGKILL)) },
                        attempt("tgkill-tutor") { syscall3(234, Int(tutor), Int(tutor), Int(SIGKILL)) },
                        attempt("tkill-tutor") { syscall3(200, Int(tutor), Int(SIGKILL), 0) },
                        attempt("sigqueue-tutor") { syscall3(129, Int(tutor), Int(SIGKILL), 0) },
                        attempt("pidfd-tutor") { syscall3(434, Int(tutor), 0, 0) },
                        attempt("limit-tutor") { syscall3(302, Int(tutor), Int(RLIMIT_AS.rawValue), 0) },
                    ]
                }
                outcomes.append(attempt("own-process") { Int(kill(getpid(), 0)) })
                fatalError("FENCE " + (fenced ? "" : "OPEN=ALLOWED ") + outcomes.joined(separator: " "))
            }

            /// `syscall` is variadic in C; reached by name with three arguments.
            func syscall3(_ number: Int, _ a: Int, _ b: Int, _ c: Int) -> Int {
                typealias Call = @convention(c) (Int, Int, Int, Int) -> Int
                return unsafeBitCast(dlsym(dlopen(nil, RTLD_NOW), "syscall"), to: Call.self)(number, a, b, c)
            }
            """
        #if arch(x86_64)
        let run = try fencedRun(source)
        XCTAssertNil(run.outcomes["OPEN"], "the fence is open: nothing was sent")
        assertRefused(run, ["probe-tutor", "probe-all", "probe-group", "stop-tutor", "kill-tutor", "kill-all", "kill-group"])
        assertRefused(run, ["tgkill-tutor", "tkill-tutor", "sigqueue-tutor", "pidfd-tutor", "limit-tutor"])
        XCTAssertEqual(run.outcomes["own-process"], "ALLOWED", "a process may still signal itself (abort, raise)")
        #else
        throw XCTSkip("the system-call numbers in this answer are x86_64's")
        #endif
    }

    func testAnAnswerCannotTraceOrReadItsTutor() throws {
        let source = Self.fenceHeader + """
            func fetchAll(_ urls: [URL], client: some HTTPClient) async throws -> [Data] {
                let tutor = getppid()
                typealias Call = @convention(c) (Int, Int, Int, Int, Int) -> Int
                let syscall = unsafeBitCast(dlsym(dlopen(nil, RTLD_NOW), "syscall"), to: Call.self)
                // PTRACE_SEIZE attaches without stopping the tutor, so an open fence costs nothing.
                var outcomes = [attempt("seize") { syscall(101, 0x4206, Int(tutor), 0, 0) }]
                var buffer = [UInt8](repeating: 0, count: 64)
                outcomes.append(buffer.withUnsafeMutableBytes { bytes in
                    var local = iovec(iov_base: bytes.baseAddress, iov_len: 64)
                    var remote = iovec(iov_base: UnsafeMutableRawPointer(bitPattern: 0x400000), iov_len: 64)
                    typealias ReadV = @convention(c) (pid_t, UnsafePointer<iovec>, UInt, UnsafePointer<iovec>, UInt, UInt) -> Int
                    let readv = unsafeBitCast(dlsym(dlopen(nil, RTLD_NOW), "process_vm_readv"), to: ReadV.self)
                    return attempt("vm-read") { readv(tutor, &local, 1, &remote, 1, 0) }
                })
                fatalError("FENCE " + outcomes.joined(separator: " "))
            }
            """
        #if arch(x86_64)
        let run = try fencedRun(source)
        assertRefused(run, ["seize", "vm-read"])
        #else
        throw XCTSkip("the system-call numbers in this answer are x86_64's")
        #endif
    }
}
