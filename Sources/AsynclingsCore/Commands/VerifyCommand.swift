import Dispatch
import Foundation
import Synchronization

/// `asynclings verify`: every reference and alternative passes with no review note that withholds
/// interview-ready, every starter fails, and every flawed answer fails in exactly the categories
/// its first line names. Uses every core.
public enum VerifyCommand {
    /// What a catalog file is, and so what its check must show.
    public enum Role: Sendable, Equatable, CustomStringConvertible {
        /// The reference solution: passes, with no note that withholds interview-ready.
        case reference
        /// The starter: fails.
        case starter
        /// A correct answer in another style (`alternatives/NAME`): judged as the reference.
        case alternative(String)
        /// A wrong answer (`flawed/NAME`): fails in exactly the categories its first line names.
        case flawed(String)

        /// As printed: "reference", "starter", "alternative/NAME" or "flawed/NAME".
        public var description: String {
            switch self {
            case .reference: return "reference"
            case .starter: return "starter"
            case .alternative(let name): return "alternative/\(name)"
            case .flawed(let name): return "flawed/\(name)"
            }
        }

        /// Whether the file must pass (the reference or an alternative).
        public var isCorrect: Bool {
            switch self {
            case .reference, .alternative: return true
            case .starter, .flawed: return false
            }
        }

        /// Whether the file is a flawed answer.
        public var isFlawed: Bool {
            if case .flawed = self { return true }
            return false
        }
    }

    /// One file to check and what it must do.
    public struct Case: Sendable {
        /// The exercise.
        public let exercise: Exercise
        /// The file.
        public let file: URL
        /// What it is.
        public let role: Role
        /// For flawed answers: the categories it must fail, exactly.
        public let expectedFailures: Set<String>?
        /// For flawed answers: review rules whose notes it must get (`// expect: review RULE`).
        public var expectedNotes: Set<String> = []
    }

    /// The outcome of one case.
    public struct Outcome: Sendable {
        /// The case.
        public let check: Case
        /// Empty when it behaved as expected; otherwise why not.
        public let problem: String?
        /// Compile seconds spent.
        public let compileSeconds: Double
        /// Run seconds spent.
        public let runSeconds: Double
        /// The report, with review and checklist, when the check could run.
        public var report: Report?
    }

    /// Every case in the catalog, in order.
    public static func cases(_ catalog: Catalog) -> [Case] {
        var cases: [Case] = []
        for exercise in catalog.exercises {
            cases.append(Case(exercise: exercise, file: exercise.referenceFile, role: .reference, expectedFailures: nil))
            cases.append(Case(exercise: exercise, file: exercise.starterFile, role: .starter, expectedFailures: nil))
            for file in swiftFiles(in: alternativesFolder(of: exercise)) {
                cases.append(Case(exercise: exercise, file: file, role: .alternative(file.lastPathComponent), expectedFailures: nil))
            }
            for file in swiftFiles(in: exercise.flawedFolder) {
                let expected = expectation(in: file)
                // A forbidden rule fails the concurrency category (see `Checker.failForbidden`).
                let forbidden = expected.notes.contains { note in exercise.review.forbidden.contains { $0.rawValue == note } }
                cases.append(Case(
                    exercise: exercise, file: file, role: .flawed(file.lastPathComponent),
                    expectedFailures: expected.categories.union(forbidden ? ["concurrency"] : []), expectedNotes: expected.notes))
            }
        }
        return cases
    }

    /// Correct answers in other styles than the reference: `alternatives/*.swift`.
    public static func alternativesFolder(of exercise: Exercise) -> URL {
        exercise.referenceFile.deletingLastPathComponent().appendingPathComponent("alternatives")
    }

    /// The `.swift` files of `folder`, by name; none when it does not exist.
    static func swiftFiles(in folder: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().filter { $0.hasSuffix(".swift") }.map { folder.appendingPathComponent($0) }
    }

    /// What a flawed answer's first line says it must do: `// expect: fail A B` (the categories
    /// it fails, exactly), `// expect: review RULE` (a note it must get), or both joined by `;`.
    static func expectation(in file: URL) -> (categories: Set<String>, notes: Set<String>) {
        let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        let first = text.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
        guard let range = first.range(of: "expect:") else { return ([], []) }
        var categories = Set<String>(), notes = Set<String>()
        for clause in first[range.upperBound...].split(separator: ";") {
            let words = clause.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
            if words.first == "fail" { categories.formUnion(words.dropFirst()) }
            if words.first == "review" { notes.formUnion(words.dropFirst()) }
        }
        return (categories, notes)
    }

    /// The categories in which a report has a failing, crashed or timed-out test.
    public static func failingCategories(_ report: Report) -> Set<String> {
        Set(report.tests.filter { [.fail, .crash, .timeout].contains($0.status) }.map(\.category))
    }

    /// Judges one case's report.
    public static func judge(_ check: Case, report: Report) -> String? {
        if check.role == .starter && !check.exercise.starterCompiles {
            return report.verdict == .compileError ? nil : "should not compile (exercise.json: starter_compiles false) but \(report.verdict.rawValue)"
        }
        if report.verdict == .compileError {
            return "does not compile: \(report.diagnostics.first?.message ?? "")"
        }
        if let problem = judgeTimeline(check, report: report) { return problem }
        switch check.role {
        case .reference, .alternative:
            if !report.passed {
                return "should pass but \(report.verdict.rawValue): " + report.tests.filter { $0.status != .pass }.map { "\($0.name): \($0.message)" }.joined(separator: "; ")
            }
            // A correct answer must not be told it is not ready.
            let withholding = report.review.filter { $0.severity != .informative }
            return withholding.isEmpty ? nil : "a correct answer must get no essential or actionable note, but gets "
                + withholding.map { "\($0.rule) on line \($0.line)" }.joined(separator: ", ")
        case .starter:
            return report.passed ? "should fail but passes every test" : nil
        case .flawed:
            let expected = check.expectedFailures ?? []
            if expected.isEmpty && check.expectedNotes.isEmpty { return "its first line must be `// expect: fail CATEGORY…` or `// expect: review RULE`" }
            let failing = failingCategories(report)
            if failing != expected {
                return "should fail in [\(expected.sorted().joined(separator: " "))] but fails in [\(failing.sorted().joined(separator: " "))]"
            }
            let missing = check.expectedNotes.subtracting(report.review.map(\.rule.rawValue))
            if !missing.isEmpty { return "should get the review note \(missing.sorted().joined(separator: ", ")) but does not" }
            return report.interviewReady ? "should not be interview-ready" : nil
        }
    }

    /// The drawn run: the reference's equals its cached best; the flawed answer an exercise
    /// names in `timeline_flaw` has the shape it predicts.
    static func judgeTimeline(_ check: Case, report: Report) -> String? {
        guard let test = check.exercise.timelineTest else { return nil }
        let flaw = check.exercise.timelineFlaw
        let isFlaw = flaw.map { check.role == .flawed($0.file) } ?? false
        guard check.role == .reference || isFlaw else { return nil }
        guard let timeline = report.timeline else { return "no timeline of \(test) came back: is it the name of a test in Tests.swift?" }
        guard let best = timeline.best else { return "the best run of \(test) could not be computed from Reference.swift" }
        if check.role == .reference {
            return timeline.run == best ? nil : "the reference's run of \(test) differs from its cached best run: the test is not deterministic, or the cache is stale"
        }
        guard let shape = flaw?.shape, TimelineShape.names.contains(shape) else {
            return "timeline_flaw names shape \"\(flaw?.shape ?? "")\"; known shapes: \(TimelineShape.names.joined(separator: ", "))"
        }
        return TimelineShape.holds(shape, run: timeline.run, best: best) ? nil : "its run of \(test) does not show the \(shape) that timeline_flaw predicts"
    }

    static func run(_ session: Session) throws(AsynclingsError) -> Int32 {
        let checker = try session.checker()
        var cases = cases(session.catalog)
        if let name = session.arguments.positional.first {
            let exercise = try session.catalog.exercise(named: name)
            cases = cases.filter { $0.exercise.name == exercise.name }
        }
        let width = Int(session.context.environment["ASYNCLINGS_JOBS"] ?? "") ?? session.context.processorCount
        let outcomes = verify(cases, checker: checker, width: max(1, width)) { outcome in
            let mark = outcome.problem == nil ? session.style.good("✓") : session.style.bad("✗")
            var line = "\(mark) \(outcome.check.exercise.name) \(outcome.check.role)"
            if let problem = outcome.problem { line += "\n    " + problem }
            session.context.print(line)
        }
        let failed = outcomes.filter { $0.problem != nil }
        let compile = outcomes.reduce(0) { $0 + $1.compileSeconds }
        let running = outcomes.reduce(0) { $0 + $1.runSeconds }
        session.context.print("\n\(outcomes.count - failed.count) passed, \(failed.count) failed: \(outcomes.count) checks over \(Set(cases.map(\.exercise.name)).count) exercises (compile \(Checklist.format(compile)), run \(Checklist.format(running)) in all, \(width) at a time)")
        return failed.isEmpty ? 0 : 1
    }

    /// Checks every case, `width` at a time, telling `progress` about each as it ends; results in case order.
    public static func verify(_ cases: [Case], checker: Checker, width: Int, progress: @escaping @Sendable (Outcome) -> Void) -> [Outcome] {
        // What every check of an exercise shares is built once per exercise, before its checks.
        let exercises = Array(Set(cases.map(\.exercise.name))).sorted()
        let byName = Dictionary(cases.map { ($0.exercise.name, $0.exercise) }, uniquingKeysWith: { first, _ in first })
        DispatchQueue.concurrentPerform(iterations: exercises.count) { index in
            _ = try? checker.artefacts(byName[exercises[index]]!)
        }
        let results = Mutex<[Int: Outcome]>([:])
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: min(width, max(cases.count, 1))) { _ in
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < cases.count else { return }
                let check = cases[index]
                let outcome: Outcome
                do {
                    let report = try checker.check(check.exercise, file: check.file, displayPath: check.file.path)
                    outcome = Outcome(check: check, problem: judge(check, report: report), compileSeconds: report.timing.compileSeconds, runSeconds: report.timing.runSeconds, report: report)
                } catch {
                    outcome = Outcome(check: check, problem: (error as? AsynclingsError)?.message ?? "\(error)", compileSeconds: 0, runSeconds: 0)
                }
                results.withLock { $0[index] = outcome }
                progress(outcome)
            }
        }
        return results.withLock { results in cases.indices.compactMap { results[$0] } }
    }
}
