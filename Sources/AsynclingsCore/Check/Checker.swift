#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A check, from the learner's file to a finished report, as one straight line: read the file
/// once, screen it, compile that snapshot alone against the exercise's prebuilt suite, run it
/// under the watchdog, then review the same snapshot and build the checklist.
public struct Checker: Sendable {
    /// The compiler.
    public let toolchain: Toolchain
    /// Builds and finds the harness modules.
    public let harness: HarnessCache
    /// Runs the compiler and the test binary.
    public let launcher: any ProcessLaunching
    /// The environment the compiler and the test binary start from (the context's).
    public let environment: [String: String]
    /// Where each check's private run folder is made.
    public let temporaryFolder: URL
    /// Memory limit for the test binary, in MiB.
    public var memoryLimitMB = 2048
    /// Whether the compiler's jobs are run directly (faster); otherwise through `swiftc`.
    public var directJobs = true
    /// The largest answer file a check compiles, in bytes; anything bigger is not an answer.
    static let largestAnswer = 1 << 20

    /// Creates a checker.
    public init(toolchain: Toolchain, harness: HarnessCache, launcher: any ProcessLaunching, environment: [String: String], temporaryFolder: URL) {
        self.toolchain = toolchain
        self.harness = harness
        self.launcher = launcher
        self.environment = environment
        self.temporaryFolder = temporaryFolder
    }

    /// Builds (or finds) what every check of `exercise` shares: the harness and the suite.
    func artefacts(_ exercise: Exercise) throws(AsynclingsError) -> (HarnessCache.Build, SuiteBuild.Artefacts) {
        let build = try harness.prepare(toolchain: toolchain)
        let suite = try SuiteBuild(toolchain: toolchain, launcher: launcher, environment: environment, harness: build).prepare(exercise)
        return (build, suite)
    }

    /// Checks `file` against `exercise`; `displayPath` is how the report names the file, and
    /// `statedIntent` the intent typed in a mock interview, if any.
    public func check(_ exercise: Exercise, file: URL, displayPath: String, statedIntent: String? = nil) throws(AsynclingsError) -> Report {
        try checkWithHarness(exercise, file: file, displayPath: displayPath, statedIntent: statedIntent).report
    }

    /// As `check`, also handing back the harness build it used, and taking the file's text when
    /// the caller has already read it (`source`), so it is read once.
    func checkWithHarness(_ exercise: Exercise, file: URL, displayPath: String, statedIntent: String? = nil, source: Answer? = nil) throws(AsynclingsError) -> (report: Report, harness: HarnessCache.Build) {
        let answer: Answer
        if let source {
            answer = source
        } else {
            answer = try Self.readAnswer(file, displayPath: displayPath, exercise: exercise)
        }
        let source = answer
        let (build, suite) = try artefacts(exercise)
        var report = Report(
            exercise: exercise.name, file: displayPath, verdict: .fail, interviewReady: false,
            categories: [:], tests: [], checklist: [], review: [], latency: nil, diagnostics: [],
            timing: .init(compileSeconds: 0, runSeconds: 0))
        let drawn: Report.Timeline.Run?
        (report, drawn) = try run(source, exercise: exercise, build: build, suite: suite, file: file, into: report)
        if let test = exercise.timelineTest, let drawn {
            let passed = report.tests.contains { $0.name == test && $0.status == .pass }
            report.timeline = .init(test: test, run: drawn, best: bestRun(exercise, suite: suite, answer: source.text, drawn: passed ? drawn : nil))
        }
        let settings = ReviewSettings(for: exercise)
        report.review = SourceReview.review(source.text, settings: settings)
        report = Self.failForbidden(report, exercise: exercise)
        let races = CompilerOutput.mentionsDataRace(report.diagnostics)
        Checklist.evaluate(&report, exercise: exercise, source: source.text, statedIntent: statedIntent, raceDiagnostics: races)
        return (report, build)
    }

    /// The answer as read once: its text, or why it cannot be compiled.
    struct Answer {
        let text: String
        let problem: String?
    }

    /// Reads the learner's file once. Only a regular file is an answer: a folder, a FIFO or a
    /// device is refused before anything reads from it.
    static func readAnswer(_ file: URL, displayPath: String, exercise: Exercise) throws(AsynclingsError) -> Answer {
        var info = stat()
        guard stat(file.path, &info) == 0 else {
            throw .usage("cannot read \(displayPath).", fix: "Check the path; `asynclings run \(exercise.name)` without --file checks your practice file.")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw .usage("\(displayPath) is not a regular file.", fix: "Give --file the path of a Swift source file.")
        }
        guard Int(info.st_size) <= largestAnswer else {
            return Answer(text: "", problem: "\(displayPath) is \(Int(info.st_size) / 1024) KB; an answer here is a few KB, and the limit is \(largestAnswer / 1024) KB. Check that this is the file you meant.")
        }
        guard let handle = FileHandle(forReadingAtPath: file.path) else {
            throw .usage("cannot read \(displayPath).", fix: "Check the file's permissions; `asynclings run \(exercise.name)` without --file checks your practice file.")
        }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: largestAnswer + 1)) ?? Data()
        guard data.count <= largestAnswer else {
            return Answer(text: "", problem: "\(displayPath) is larger than \(largestAnswer / 1024) KB; an answer here is a few KB. Check that this is the file you meant.")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return Answer(text: "", problem: "\(displayPath) is not UTF-8 text. Save it as UTF-8 and check again.")
        }
        return Answer(text: text, problem: nil)
    }

    /// The reference's run of the drawn test, from the cache beside the suite build; on a miss
    /// the reference is checked once (an answer that is the reference, and passes the drawn
    /// test, is its own best run: `drawn`). Nil when it cannot be had.
    func bestRun(_ exercise: Exercise, suite: SuiteBuild.Artefacts, answer: String, drawn: Report.Timeline.Run?) -> Report.Timeline.Run? {
        guard let reference = try? String(contentsOf: exercise.referenceFile, encoding: .utf8), let test = exercise.timelineTest else { return nil }
        let cache = BestRun(suite: suite, reference: reference, test: test)
        if let cached = cache.load() { return cached }
        if answer == reference {
            if let drawn { cache.store(drawn) }
            return drawn
        }
        let checked = try? check(exercise, file: exercise.referenceFile, displayPath: exercise.referenceFile.lastPathComponent)
        return checked?.timeline?.best
    }

    /// Screens, builds and runs the snapshot, filling in verdict, tests, diagnostics and timing;
    /// also the drawn test's run, when it ran.
    private func run(_ answer: Answer, exercise: Exercise, build: HarnessCache.Build, suite: SuiteBuild.Artefacts, file: URL, into report: Report) throws(AsynclingsError) -> (Report, Report.Timeline.Run?) {
        var report = report
        if let problem = answer.problem {
            report.diagnostics = [.init(line: 0, column: 0, severity: "error", message: problem)]
            return (Self.notCompiled(report, tests: suite.tests), nil)
        }
        let refused = AnswerScreen.problems(in: answer.text)
        guard refused.isEmpty else {
            report.diagnostics = refused
            return (Self.notCompiled(report, tests: suite.tests), nil)
        }
        let run = try RunFolder(in: temporaryFolder)
        defer { run.remove() }
        let (outcome, seconds, snapshot) = try buildBinary(answer, exercise: exercise, build: build, suite: suite, file: file, in: run)
        report.timing.compileSeconds = seconds
        let binary: URL
        switch outcome {
        case .rejected(let diagnostics):
            report.diagnostics = diagnostics
            return (Self.notCompiled(report, tests: suite.tests), nil)
        case .built(let built):
            binary = built
            report.diagnostics = CompilerOutput(log: (try? String(contentsOf: run.folder.appendingPathComponent("compile.log"), encoding: .utf8)) ?? "", learnerPath: snapshot.path, suitePath: "").diagnostics
        }
        var runner = SuiteRunner(launcher: launcher, environment: environment)
        runner.memoryLimitMB = memoryLimitMB
        runner.crashLocation = CrashLocation(toolchain: toolchain, learnerFile: snapshot.path, launcher: launcher)
        let result = try runner.runSuite(binary, tests: suite.tests, in: run, exercise: exercise)
        report.timing.runSeconds = result.seconds
        report.latency = result.latency
        report.sandbox = result.sandbox
        report.tests = result.tests
        report.categories = SuiteRunner.score(report.tests)
        report.verdict = result.timedOut ? .timeout : result.crashes > 0 ? .crash : report.tests.allSatisfy { $0.status == .pass } ? .pass : .fail
        if let first = result.details.first {
            let more = result.details.count - 1
            report.failureDetail = first + (more == 0 ? "" : "\n(The tests were run again without it, and \(more == 1 ? "that run" : "\(more) more runs") also ended early; each failing test below says how.)")
        }
        if result.forgedLines > 0 {
            if report.verdict == .pass { report.verdict = .fail }
            let forged = "Something in your code wrote \(result.forgedLines) line(s) into the tutor's private results channel. Those lines were ignored, and a run that touches the channel never counts as a pass."
            report.failureDetail = [report.failureDetail, forged].compactMap { $0 }.joined(separator: "\n")
        }
        return (report, result.timeline)
    }

    /// An escape hatch the exercise forbids is a failing item of the concurrency category: an
    /// answer that compiles only through one never passes, whatever its tests say.
    static func failForbidden(_ report: Report, exercise: Exercise) -> Report {
        guard report.verdict != .compileError else { return report }
        var report = report
        var seen = Set<String>()
        for note in report.review where exercise.review.forbidden.contains(note.rule) && seen.insert(note.rule.rawValue).inserted {
            report.tests.append(.init(
                name: "forbidden_concurrency_\(note.rule.rawValue)", category: "concurrency", status: .fail,
                message: "line \(note.line) uses an escape hatch this exercise forbids (\(note.rule.rawValue)): the code must compile with Swift's data-race checks on. \(note.message)"))
        }
        guard !seen.isEmpty else { return report }
        report.categories = SuiteRunner.score(report.tests)
        if report.verdict == .pass { report.verdict = .fail }
        return report
    }

    /// Writes the snapshot (it keeps the learner's file name, so messages read naturally) and
    /// builds it into a test binary in `run`.
    private func buildBinary(_ answer: Answer, exercise: Exercise, build: HarnessCache.Build, suite: SuiteBuild.Artefacts, file: URL, in run: RunFolder) throws(AsynclingsError) -> (AnswerBuild.Outcome, Double, URL) {
        let snapshot = run.folder.appendingPathComponent(file.lastPathComponent.hasSuffix(".swift") ? file.lastPathComponent : "answer.swift")
        do {
            try Data(answer.text.utf8).write(to: snapshot)
        } catch {
            throw .toolFailure("cannot write to the temporary folder \(run.folder.path).", fix: "Free some disk space or set TMPDIR to a writable folder.")
        }
        var builder = AnswerBuild(toolchain: toolchain, launcher: launcher, environment: environment, harness: build, exercise: exercise, suite: suite)
        if directJobs && exercise.compilerFlags.isEmpty {
            builder.direct = AnswerBuild.directCommands(toolchain: toolchain, harness: build, launcher: launcher, environment: environment, scratch: temporaryFolder)
        }
        let outcome = try builder.build(snapshot, in: run)
        return (outcome, builder.seconds, snapshot)
    }

    /// For catalog authors: builds `file` once and runs the exercise's race tests `times` times,
    /// returning each run's results (nil when it does not build). Races are real here, so this
    /// is how a suite shows its race tests decide the same way every time.
    public func raceRuns(_ exercise: Exercise, file: URL, times: Int) throws(AsynclingsError) -> [[Report.TestResult]]? {
        let answer = try Self.readAnswer(file, displayPath: file.lastPathComponent, exercise: exercise)
        guard answer.problem == nil, AnswerScreen.problems(in: answer.text).isEmpty, !exercise.raceTests.isEmpty else { return nil }
        let (build, suite) = try artefacts(exercise)
        let run = try RunFolder(in: temporaryFolder)
        defer { run.remove() }
        guard case .built(let binary) = try buildBinary(answer, exercise: exercise, build: build, suite: suite, file: file, in: run).0 else { return nil }
        var runner = SuiteRunner(launcher: launcher, environment: environment)
        runner.memoryLimitMB = memoryLimitMB
        var runs: [[Report.TestResult]] = []
        for _ in 0..<times {
            runs.append(try runner.runSuite(binary, tests: exercise.raceTests, in: run, exercise: exercise, onlyThese: true).tests)
        }
        return runs
    }

    /// A compile-error report: every test not run.
    static func notCompiled(_ report: Report, tests: [String]) -> Report {
        var report = report
        report.verdict = .compileError
        report.tests = tests.map { .init(name: $0, category: SuiteEntryPoint.category(of: $0), status: .notRun, message: "") }
        report.categories = SuiteRunner.score(report.tests)
        return report
    }
}
