import Foundation
import ResultsFormat

/// Runs a test binary under the watchdog until every test of the suite has run, and reads
/// what the results channel said into per-test outcomes.
struct SuiteRunner {
    /// Runs the binary.
    let launcher: any ProcessLaunching
    /// The environment the binary starts from, before the channel's variables are added.
    let environment: [String: String]
    /// Memory limit for the test binary, in MiB.
    var memoryLimitMB = 2048
    /// Limit on what the test binary may print, in KiB; further output is dropped.
    var outputLimitKB = 1024
    /// Output kept per failing test, in bytes.
    var outputPerTest = 4096
    /// Names the learner's line a crash happened in, when the toolchain can symbolicate.
    var crashLocation: CrashLocation?
    /// How many times the binary is run after a crash, at most, to finish the suite.
    static let maximumReruns = 10

    /// What running a suite to its end found, over one or more runs of the test binary.
    struct SuiteRun {
        var tests: [Report.TestResult] = []
        var latency: Report.Latency?
        var details: [String] = []
        var timedOut = false
        var crashes = 0
        var forgedLines = 0
        var seconds = 0.0
        var sandbox: [String: String]?
        /// The drawn test's run, when it started.
        var timeline: Report.Timeline.Run?
    }

    /// Runs the test binary until every test has run. After a crash it runs again on the tests
    /// that never started, so one crash does not hide the rest of the suite; not after a
    /// time-out, where each retry could cost a full time limit.
    func runSuite(_ binary: URL, tests: [String], in run: RunFolder, exercise: Exercise, onlyThese: Bool = false) throws(AsynclingsError) -> SuiteRun {
        var suite = SuiteRun()
        var outcomes: [String: Report.TestResult] = [:]
        var remaining = tests
        var lastCrash: Int32?? = nil
        var stoppedBecause: String?
        while !remaining.isEmpty {
            let attempt = try runTests(binary, only: remaining == tests && !onlyThese ? nil : remaining, in: run, limit: exercise.timeLimitSeconds, drawn: exercise.timelineTest)
            suite.seconds += attempt.process.seconds
            let crashed = attempt.log.crash.flatMap { crashLocation?.locate($0, binary: binary, folder: run.folder) }
            let results = testResults(remaining, results: attempt.log, process: attempt.process, printed: attempt.printed, limit: exercise.timeLimitSeconds, crashed: crashed)
            for result in results where result.status != .notRun { outcomes[result.name] = result }
            suite.forgedLines += attempt.log.forgedLines
            if suite.sandbox == nil { suite.sandbox = attempt.log.sandbox }
            if let drawn = exercise.timelineTest, attempt.log.entries[drawn]?.started == true {
                suite.timeline = attempt.log.timelines[drawn] ?? .init(spans: [], returnedMs: nil)
            }
            if suite.latency == nil, let measured = attempt.log.latency, let best = exercise.latency?.bestSeconds {
                suite.latency = .init(virtualSeconds: measured.seconds, bestSeconds: best, requests: measured.requests, eachSeconds: measured.each)
            }
            if attempt.log.completed && !attempt.process.timedOut { break }
            suite.details.append(failureDetail(results: attempt.log, process: attempt.process, printed: attempt.printed, limit: exercise.timeLimitSeconds, crashed: crashed))
            if attempt.process.timedOut {
                suite.timedOut = true
                break
            }
            suite.crashes += 1
            let notStarted = results.filter { $0.status == .notRun }.map(\.name)
            guard notStarted.count < remaining.count, !notStarted.isEmpty else { break }
            // A crash that repeats the same way and costs real time (an allocation without
            // limit, say) would only repeat; and no run starts once the runs so far have used
            // up the exercise's time limit.
            let kind = attempt.process.signal
            if lastCrash == .some(kind) && attempt.process.seconds > 1 {
                stoppedBecause = "not run: the tests before it crashed the same way twice in a row (\(kind.map { Self.describe(signal: $0) } ?? "an early exit")), so the rest of the suite was not run again."
                break
            }
            if suite.seconds >= exercise.timeLimitSeconds || suite.crashes > Self.maximumReruns {
                stoppedBecause = "not run: the test process crashed \(suite.crashes) times, taking \(Self.seconds((suite.seconds * 10).rounded() / 10)) in all, so the rest of the suite was not run again."
                break
            }
            lastCrash = .some(kind)
            remaining = notStarted
        }
        suite.tests = tests.map { name in
            outcomes[name] ?? .init(name: name, category: SuiteEntryPoint.category(of: name), status: .notRun, message: stoppedBecause ?? "not run: the test process ended before this test started.")
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
    /// `drawn` names the test whose calls the harness sends as a timeline.
    private func runTests(_ binary: URL, only: [String]?, in run: RunFolder, limit: Double, drawn: String?) throws(AsynclingsError) -> Attempt {
        let output = run.folder.appendingPathComponent("output-\(UUID().uuidString).txt")
        var secret = [UInt8](repeating: 0, count: ResultsFormat.secretLength)
        for index in secret.indices { secret[index] = UInt8.random(in: 0...255) }
        var environment = environment
        environment[ResultsFormat.Variable.tutor] = String(getpid())
        environment[ResultsFormat.Variable.memory] = String(memoryLimitMB)
        environment[ResultsFormat.Variable.output] = String(outputLimitKB)
        environment[ResultsFormat.Variable.folder] = run.folder.path
        environment["SWIFT_BACKTRACE"] = "enable=no"
        if let only { environment[ResultsFormat.Variable.only] = only.joined(separator: ",") }
        if let drawn { environment[ResultsFormat.Variable.timeline] = drawn }
        var request = ProcessRequest(executable: binary.path, arguments: [], environment: environment, outputFile: output.path, timeLimit: limit)
        request.channelSecret = secret
        let process = try launcher.run(request)
        return Attempt(
            log: ResultsLog(data: process.channel, secret: secret),
            printed: (try? Data(contentsOf: output)) ?? Data(),
            process: process)
    }

    private func testResults(_ names: [String], results: ResultsLog, process: ProcessResult, printed: Data, limit: Double, crashed: CrashLocation.Frame?) -> [Report.TestResult] {
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
            let place = crashed.map { " It crashed \($0.sentence)." } ?? ""
            return .init(name: name, category: category, status: .crash, message: "crashed: \(how).\(place)\(messages)", output: output.flatMap(Self.learnersOwn))
        }
    }

    private func failureDetail(results: ResultsLog, process: ProcessResult, printed: Data, limit: Double, crashed: CrashLocation.Frame?) -> String {
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
        let place = crashed.map { "\nIt crashed \($0.sentence)." } ?? ""
        return "\(test) \(how)." + place + (runtime.isEmpty ? "" : "\nThe runtime said:\n\(runtime)")
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
        case SIGILL: return "stopped by SIGILL: the Swift runtime trapped (a continuation resumed twice, a force-unwrap of nil, an index out of range, or fatalError)"
        case SIGTRAP: return "stopped by SIGTRAP: a Swift runtime check failed (force-unwrap of nil, index out of range, fatalError)"
        case SIGABRT: return "stopped by SIGABRT: the program aborted"
        case SIGKILL: return "stopped by SIGKILL: it used more memory or resources than a check allows"
        case SIGSEGV: return "stopped by SIGSEGV: a bad memory access, often a stack overflow from runaway recursion"
        case SIGBUS: return "stopped by SIGBUS: a bad memory access"
        case SIGSYS: return "stopped by SIGSYS: it tried to start another process or program, which a check does not allow (threads and tasks are fine)"
        default: return "stopped by signal \(signal)"
        }
    }

    static func seconds(_ value: Double) -> String {
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
