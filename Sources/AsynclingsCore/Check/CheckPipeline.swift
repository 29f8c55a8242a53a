import Foundation

/// Compiles a learner's file with an exercise's hidden suite, runs it under a watchdog, and
/// turns what the private results channel says into a report.
public struct CheckPipeline: Sendable {
    /// The compiler.
    public let toolchain: Toolchain
    /// Builds and finds the harness modules.
    public let harness: HarnessCache
    /// Runs the compiler and the test binary.
    public let launcher: any ProcessLaunching
    /// Memory limit for the test binary, in MiB.
    public var memoryLimitMB = 2048
    /// Limit on what the test binary may print, in KiB; further output is dropped.
    public var outputLimitKB = 1024
    /// Output kept per failing test, in bytes.
    public var outputPerTest = 4096
    /// The largest answer file the pipeline compiles, in bytes; anything bigger is not an answer.
    static let largestAnswer = 1 << 20

    /// Creates a pipeline.
    public init(toolchain: Toolchain, harness: HarnessCache, launcher: any ProcessLaunching) {
        self.toolchain = toolchain
        self.harness = harness
        self.launcher = launcher
    }

    /// Checks `file` against `exercise`; `displayPath` is how the report names the file.
    public func check(_ exercise: Exercise, file: URL, displayPath: String) throws(AsynclingsError) -> Report {
        guard FileManager.default.isReadableFile(atPath: file.path) else {
            throw .usage("cannot read \(displayPath).", fix: "Check the path; `asynclings run \(exercise.name)` without --file checks your practice file.")
        }
        let suiteSource: String
        do {
            suiteSource = try String(contentsOf: exercise.testsFile, encoding: .utf8)
        } catch {
            throw .toolFailure("cannot read the hidden suite of \(exercise.name) at \(exercise.testsFile.path).", fix: "Restore the catalog folder from git.")
        }
        let entryPoint = try SuiteEntryPoint(suiteSource: suiteSource)
        var report = Report(
            exercise: exercise.name, file: displayPath, verdict: .fail, interviewReady: false,
            categories: [:], tests: [], checklist: [], review: [], latency: nil, diagnostics: [],
            timing: .init(compileSeconds: 0, runSeconds: 0))
        let size = ((try? FileManager.default.attributesOfItem(atPath: file.path))?[.size] as? Int) ?? 0
        guard size <= Self.largestAnswer else {
            report.diagnostics = [.init(line: 0, column: 0, severity: "error", message: "\(displayPath) is \(size / 1024) KB; an answer here is a few KB, and the limit is \(Self.largestAnswer / 1024) KB. Check that this is the file you meant.")]
            return notCompiled(report, tests: entryPoint.tests)
        }
        let build = try harness.prepare(toolchain: toolchain)
        let run = try RunFolder()
        defer { run.remove() }

        // 1. Compile.
        let main = run.folder.appendingPathComponent("main.swift")
        let binary = run.folder.appendingPathComponent("tests")
        let compileLog = run.folder.appendingPathComponent("compile.log")
        do {
            try entryPoint.source.write(to: main, atomically: false, encoding: .utf8)
        } catch {
            throw .toolFailure("cannot write to the temporary folder \(run.folder.path).", fix: "Free some disk space or set TMPDIR to a writable folder.")
        }
        let compile = try launcher.run(ProcessRequest(
            executable: toolchain.swiftc,
            arguments: [
                "-swift-version", "6", "-diagnostic-style", "llvm", "-module-name", "Solution",
            ] + toolchain.fastFlags + [
                "-I", build.folder.path, "-L", build.folder.path, "-lInterviewHarness", "-lInterviewKit",
                file.path, exercise.testsFile.path, main.path, "-o", binary.path,
            ],
            environment: ProcessInfo.processInfo.environment, outputFile: compileLog.path, timeLimit: 120))
        report.timing.compileSeconds = compile.seconds
        let log = (try? String(contentsOf: compileLog, encoding: .utf8)) ?? ""
        let compilerOutput = CompilerOutput(log: log, learnerPath: file.path, suitePath: exercise.testsFile.path)
        report.diagnostics = compilerOutput.diagnostics
        guard compile.exitStatus == 0, FileManager.default.fileExists(atPath: binary.path) else {
            if report.diagnostics.isEmpty {
                report.diagnostics = [.init(line: 0, column: 0, severity: "error", message: compile.timedOut ? "the compiler took longer than 120 s and was stopped." : String(log.suffix(1500)))]
            }
            return notCompiled(report, tests: entryPoint.tests)
        }

        // 2. Run under the watchdog; results come back through the channel file only.
        let suite = try runSuite(binary, tests: entryPoint.tests, in: run, exercise: exercise)
        report.timing.runSeconds = suite.seconds
        report.latency = suite.latency
        report.tests = suite.tests
        report.categories = Self.score(report.tests)
        report.verdict = suite.timedOut ? .timeout : suite.crashes > 0 ? .crash : report.tests.allSatisfy { $0.status == .pass } ? .pass : .fail
        if let first = suite.details.first {
            let more = suite.details.count - 1
            report.failureDetail = first + (more == 0 ? "" : "\n(The tests were run again without it, and \(more == 1 ? "that run" : "\(more) more runs") also ended early; each failing test below says how.)")
        }
        if suite.forgedLines > 0 {
            if report.verdict == .pass { report.verdict = .fail }
            let forged = "Something in your code wrote \(suite.forgedLines) line(s) into the tutor's private results channel. Those lines were ignored, and a run that touches the channel never counts as a pass."
            report.failureDetail = [report.failureDetail, forged].compactMap { $0 }.joined(separator: "\n")
        }
        return report
    }

    /// What running a suite to its end found, over one or more runs of the test binary.
    private struct SuiteRun {
        var tests: [Report.TestResult] = []
        var latency: Report.Latency?
        var details: [String] = []
        var timedOut = false
        var crashes = 0
        var forgedLines = 0
        var seconds = 0.0
    }

    /// Runs the test binary until every test has run. After a crash it runs again on the tests
    /// that never started, so one crash does not hide the rest of the suite; not after a
    /// time-out, where each retry could cost a full time limit.
    private func runSuite(_ binary: URL, tests: [String], in run: RunFolder, exercise: Exercise) throws(AsynclingsError) -> SuiteRun {
        var suite = SuiteRun()
        var outcomes: [String: Report.TestResult] = [:]
        var remaining = tests
        while !remaining.isEmpty {
            let attempt = try runTests(binary, only: remaining == tests ? nil : remaining, in: run, limit: exercise.timeLimitSeconds)
            suite.seconds += attempt.process.seconds
            let results = testResults(remaining, results: attempt.log, process: attempt.process, printed: attempt.printed, limit: exercise.timeLimitSeconds)
            for result in results where result.status != .notRun { outcomes[result.name] = result }
            suite.forgedLines += attempt.log.forgedLines
            if suite.latency == nil, let measured = attempt.log.latency, let best = exercise.latency?.bestSeconds {
                suite.latency = .init(virtualSeconds: measured.seconds, bestSeconds: best, requests: measured.requests, eachSeconds: measured.each)
            }
            if attempt.log.completed && !attempt.process.timedOut { break }
            suite.details.append(failureDetail(results: attempt.log, process: attempt.process, printed: attempt.printed, limit: exercise.timeLimitSeconds))
            if attempt.process.timedOut {
                suite.timedOut = true
                break
            }
            suite.crashes += 1
            let notStarted = results.filter { $0.status == .notRun }.map(\.name)
            guard notStarted.count < remaining.count else { break }
            remaining = notStarted
        }
        suite.tests = tests.map { name in
            outcomes[name] ?? .init(name: name, category: SuiteEntryPoint.category(of: name), status: .notRun, message: "not run: the test process ended before this test started.")
        }
        return suite
    }

    /// One run of the test binary: what its channel said, what it printed, how it ended.
    private struct Attempt {
        let log: ResultsLog
        let printed: Data
        let process: ProcessResult
    }

    /// Runs the test binary once, on `only` those tests (nil: all), with a fresh channel and
    /// secret. The binary works in the run folder (see `ResultsChannel.open`).
    private func runTests(_ binary: URL, only: [String]?, in run: RunFolder, limit: Double) throws(AsynclingsError) -> Attempt {
        let name = UUID().uuidString
        let channel = run.folder.appendingPathComponent("results-\(name).jsonl")
        let output = run.folder.appendingPathComponent("output-\(name).txt")
        _ = FileManager.default.createFile(atPath: channel.path, contents: Data())
        let secret = (0..<4).map { _ in String(UInt64.random(in: 0...UInt64.max), radix: 16) }.joined()
        var environment = ProcessInfo.processInfo.environment
        environment["ASYNCLINGS_RESULTS"] = channel.path
        environment["ASYNCLINGS_SEAL"] = secret
        environment["ASYNCLINGS_TUTOR_PID"] = String(ProcessInfo.processInfo.processIdentifier)
        environment["ASYNCLINGS_MEMORY_MB"] = String(memoryLimitMB)
        environment["ASYNCLINGS_OUTPUT_KB"] = String(outputLimitKB)
        environment["SWIFT_BACKTRACE"] = "enable=no"
        if let only { environment["ASYNCLINGS_ONLY"] = only.joined(separator: ",") }
        let process = try launcher.run(ProcessRequest(
            executable: binary.path, arguments: [], environment: environment,
            outputFile: output.path, timeLimit: limit))
        return Attempt(
            log: ResultsLog(data: (try? Data(contentsOf: channel)) ?? Data(), secret: secret),
            printed: (try? Data(contentsOf: output)) ?? Data(),
            process: process)
    }

    /// A compile-error report: every test not run.
    private func notCompiled(_ report: Report, tests: [String]) -> Report {
        var report = report
        report.verdict = .compileError
        report.tests = tests.map { .init(name: $0, category: SuiteEntryPoint.category(of: $0), status: .notRun, message: "") }
        report.categories = Self.score(report.tests)
        return report
    }

    private func testResults(_ names: [String], results: ResultsLog, process: ProcessResult, printed: Data, limit: Double) -> [Report.TestResult] {
        names.map { name in
            let category = SuiteEntryPoint.category(of: name)
            guard let entry = results.entries[name], entry.started else {
                return .init(name: name, category: category, status: .notRun, message: "not run: the test process ended before this test started.")
            }
            let output = Self.slice(printed, from: entry.outputStart, to: entry.ended ? entry.outputEnd : printed.count, cap: outputPerTest)
            if entry.ended {
                if entry.passed && entry.messages.isEmpty {
                    return .init(name: name, category: category, status: .pass, message: "")
                }
                let message = entry.messages.isEmpty ? "failed." : entry.messages.joined(separator: "\n")
                return .init(name: name, category: category, status: .fail, message: message, output: output)
            }
            if process.timedOut {
                return .init(name: name, category: category, status: .timeout, message: "still running after \(Self.seconds(limit)) of real time, so the check was stopped. Something blocks the thread (a semaphore or lock wait, a loop with no suspension point) instead of suspending.", output: output)
            }
            let how = process.signal.map(Self.describe(signal:)) ?? "the test process exited early (status \(process.exitStatus ?? -1)) during this test"
            let messages = entry.messages.isEmpty ? "" : "\n" + entry.messages.joined(separator: "\n")
            return .init(name: name, category: category, status: .crash, message: "crashed: \(how).\(messages)", output: output.flatMap(Self.learnersOwn))
        }
    }

    private func failureDetail(results: ResultsLog, process: ProcessResult, printed: Data, limit: Double) -> String {
        let test = results.unfinishedTest ?? "(before the first test)"
        let start = results.unfinishedTest.flatMap { results.entries[$0]?.outputStart } ?? 0
        let tail = Self.slice(printed, from: max(0, start), to: printed.count, cap: 1500) ?? ""
        let runtime = tail.split(separator: "\n").filter { line in
            ["Fatal error", "fatal error", "MISUSE", "Crash", "crash", "error:", "leaked", "Illegal", "Segmentation"].contains { line.contains($0) }
        }.joined(separator: "\n")
        if process.timedOut {
            return "\(test) was still running after \(Self.seconds(limit)) of real time and was stopped."
        }
        let how = process.signal.map(Self.describe(signal:)) ?? "exited early with status \(process.exitStatus ?? -1)"
        return "\(test) \(how)." + (runtime.isEmpty ? "" : "\nThe runtime said:\n\(runtime)")
    }

    /// What the answer printed before a crash, without the runtime's own report (the trap
    /// message and stack trace, shown apart as "The runtime said"); nil when nothing is left.
    static func learnersOwn(_ output: String) -> String? {
        let markers = ["Fatal error", "Current stack trace:", "SWIFT TASK CONTINUATION MISUSE", "Stack dump", "💣 Program crashed"]
        var kept: [Substring] = []
        for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
            if markers.contains(where: { line.contains($0) }) { break }
            kept.append(line)
        }
        let text = kept.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    static func describe(signal: Int32) -> String {
        switch signal {
        case 4: return "stopped by SIGILL: the Swift runtime trapped (a continuation resumed twice, a force-unwrap of nil, an index out of range, or fatalError)"
        case 5: return "stopped by SIGTRAP: a Swift runtime check failed (force-unwrap of nil, index out of range, fatalError)"
        case 6: return "stopped by SIGABRT: the program aborted"
        case 9: return "stopped by SIGKILL: it used more memory or resources than a check allows"
        case 11: return "stopped by SIGSEGV: a bad memory access, often a stack overflow from runaway recursion"
        case 7: return "stopped by SIGBUS: a bad memory access"
        case 31: return "stopped by SIGSYS: it tried to start another process or program, which a check does not allow (threads and tasks are fine)"
        default: return "stopped by signal \(signal)"
        }
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }

    private static func slice(_ data: Data, from start: Int, to end: Int, cap: Int) -> String? {
        guard start >= 0, end > start, start < data.count else { return nil }
        let upper = min(end, data.count, start + cap)
        var text = String(decoding: data[start..<upper], as: UTF8.self)
        if upper < min(end, data.count) { text += "\n… (output cut at \(cap) bytes)" }
        return text.isEmpty ? nil : text
    }

    /// Passed/total per category present in `tests`.
    static func score(_ tests: [Report.TestResult]) -> [String: Report.Score] {
        var scores: [String: Report.Score] = [:]
        for test in tests {
            scores[test.category, default: .init(passed: 0, total: 0)].total += 1
            if test.status == .pass { scores[test.category]?.passed += 1 }
        }
        return scores
    }
}
