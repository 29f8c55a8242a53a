import Foundation

/// Answers the six questions an interviewer asks about async code, each from evidence:
/// test outcomes by category, virtual latency, compiler race diagnostics, review notes and
/// the learner's stated intent.
public enum Checklist {
    /// Fills in the report's checklist and its interview-ready flag.
    public static func evaluate(_ report: inout Report, exercise: Exercise, source: String, statedIntent: String? = nil, raceDiagnostics: Bool = false) {
        var items: [Report.ChecklistItem] = []
        items.append(intent(exercise: exercise, statedIntent: statedIntent, source: source))
        let compiled = report.verdict != .compileError
        items.append(fromTests(report, id: .concurrency, categories: ["concurrency"], compiled: compiled,
                               met: "the concurrency tests pass: work runs side by side (or in order) as the exercise needs.",
                               missed: "concurrency tests fail"))
        items.append(fromTests(report, id: .errorSemantics, categories: ["errors", "cancellation"], compiled: compiled,
                               met: "errors and cancellation behave as specified.",
                               missed: "error or cancellation tests fail"))
        items.append(latency(report, measured: exercise.latency != nil))
        items.append(races(report, raceTests: exercise.raceTests, raceDiagnostics: raceDiagnostics))
        items.append(resources(report, compiled: compiled))
        report.checklist = items
        let intentMet = items.first?.status == .met
        let blocking = report.review.contains { $0.severity != .informative }
        report.interviewReady = report.verdict == .pass && intentMet && !blocking
    }

    /// The intent item. In a mock interview the typed statement cannot be edited afterwards, so the
    /// file's `// Intent:` counts too: a concept named in either is named.
    private static func intent(exercise: Exercise, statedIntent: String?, source: String) -> Report.ChecklistItem {
        let typed = statedIntent.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        let texts = [typed, IntentComment.extract(source)].compactMap { $0 }
        let example = exercise.concepts.map { $0.example ?? $0.label }.joined(separator: "; ")
        guard !texts.isEmpty else {
            let what = IntentComment.holdsPlaceholder(source) ? "your `// Intent:` line still holds the starter's placeholder. Replace it with your plan" : "no `// Intent:` comment. State your plan"
            return .init(id: .intent, status: .missed, note: "\(what) in a sentence or two before the code, e.g. \"// Intent: \(example).\"")
        }
        let plans = texts.filter { IntentComment.isPlan($0, concepts: exercise.concepts) }
        guard !plans.isEmpty else {
            return .init(id: .intent, status: .missed, note: "your intent reads as a list of keywords, not a plan: say what your code does and why in a sentence or two, e.g. \"// Intent: \(example).\"")
        }
        let named = Set(plans.flatMap { IntentComment.concepts(named: $0, concepts: exercise.concepts).named })
        let missing = exercise.concepts.filter { !named.contains($0.id) }
        guard !missing.isEmpty else {
            let labels = exercise.concepts.map(\.label).joined(separator: "; ")
            return .init(id: .intent, status: .met, note: labels.isEmpty ? "intent stated." : "intent stated; it names \(labels).")
        }
        let what = missing.map { concept in concept.label + (concept.example.map { " (e.g. \"\($0)\")" } ?? "") }
        return .init(id: .intent, status: .missed, note: "your intent does not yet say: \(what.joined(separator: "; ")).")
    }

    private static func fromTests(_ report: Report, id: Report.ChecklistItem.ID, categories: [String], compiled: Bool, met: String, missed: String) -> Report.ChecklistItem {
        let tests = report.tests.filter { categories.contains($0.category) }
        guard compiled else { return .init(id: id, status: .missed, note: "the file does not compile yet.") }
        guard !tests.isEmpty else { return .init(id: id, status: .notApplicable, note: "this exercise does not test it.") }
        let ran = tests.filter { $0.status != .notRun }
        guard !ran.isEmpty else {
            return .init(id: id, status: .notApplicable, note: "not checked: none of its tests ran, because the run ended early.")
        }
        let failing = ran.filter { $0.status != .pass }
        let notRun = tests.count - ran.count
        let unchecked = notRun == 0 ? "" : " (\(notRun) more did not run)"
        if failing.isEmpty {
            return notRun == 0 ? .init(id: id, status: .met, note: met) : .init(id: id, status: .notApplicable, note: "the tests that ran pass\(unchecked).")
        }
        return .init(id: id, status: .missed, note: "\(failing.count) of \(tests.count) \(missed): \(failing.map(\.name).joined(separator: ", "))\(unchecked).")
    }

    private static func latency(_ report: Report, measured: Bool) -> Report.ChecklistItem {
        guard let latency = report.latency else {
            let why = !measured ? "this exercise does not measure latency."
                : report.verdict == .compileError ? "not measured: the file does not compile yet."
                : "not measured: the test that times it did not finish."
            return .init(id: .latency, status: .notApplicable, note: why)
        }
        let took = format(latency.virtualSeconds), best = format(latency.bestSeconds)
        if latency.virtualSeconds < latency.bestSeconds - 0.0005 {
            return .init(id: .latency, status: .missed, note: "took \(took) of virtual time, less than the best possible \(best) under the rules: a limit the rules set is not held.")
        }
        if latency.virtualSeconds <= latency.bestSeconds + 0.0005 {
            return .init(id: .latency, status: .met, note: "took \(took) of virtual time, the best possible.")
        }
        return .init(id: .latency, status: .missed, note: "took \(took) of virtual time; the best possible is \(best).")
    }

    private static func races(_ report: Report, raceTests names: [String], raceDiagnostics: Bool) -> Report.ChecklistItem {
        let hatches = report.review.filter { [.uncheckedSendable, .nonisolatedUnsafe, .unsafeContinuation].contains($0.rule) }
        if raceDiagnostics {
            return .init(id: .races, status: .missed, note: "the Swift 6 compiler reports a possible data race; see the diagnostics.")
        }
        if let first = hatches.first {
            return .init(id: .races, status: .missed, note: "line \(first.line) uses an escape hatch (\(first.rule)) that turns off the compiler's race checking.")
        }
        if report.verdict == .compileError {
            return .init(id: .races, status: .notApplicable, note: "not checked: the file does not compile yet.")
        }
        let raceTests = report.tests.filter { names.contains($0.name) }
        if let failing = raceTests.first(where: { $0.status == .fail }) {
            return .init(id: .races, status: .missed, note: "\(failing.name) fails: concurrent work sees or breaks each other's state.")
        }
        if let stopped = raceTests.first(where: { $0.status == .crash || $0.status == .timeout }) {
            return .init(id: .races, status: .missed, note: "\(stopped.name) did not finish (\(stopped.status.rawValue)), so races could not be ruled out.")
        }
        if raceTests.contains(where: { $0.status == .notRun }) {
            return .init(id: .races, status: .notApplicable, note: "not checked: the race tests did not run, because the run ended early.")
        }
        return .init(id: .races, status: .met, note: "no data-race diagnostics and no escape hatches.")
    }

    private static func resources(_ report: Report, compiled: Bool) -> Report.ChecklistItem {
        var item = fromTests(report, id: .resources, categories: ["resources"], compiled: compiled,
                             met: "nothing is left running, and limits hold.", missed: "resource tests fail")
        let blocking = report.review.filter { $0.rule == .blockingCall || $0.rule == .droppedTask }
        if item.status != .missed, let first = blocking.first {
            item = .init(id: .resources, status: .missed, note: "line \(first.line): \(first.rule) — \(first.message)")
        }
        return item
    }

    static func format(_ seconds: Double) -> String {
        String(format: "%.2f s", seconds)
    }
}
