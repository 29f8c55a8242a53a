/// The text of the engine's current pane, wrapped to a width: the practice screen shows it
/// below its header, the typed-line mode prints it.
struct PaneContent {
    let engine: PracticeEngine
    let style: Style
    let width: Int

    /// The pane's title, for the screen's divider.
    var title: String {
        switch engine.pane {
        case .report:
            return engine.report?.verdict == .compileError ? "Compiler messages" : "Report"
        case .checklist: return "Checklist"
        case .review: return "Review"
        case .timeline: return "Timeline"
        case .rules: return "The exercise"
        case .hint: return "Hint"
        case .list: return "Exercises"
        case .solution: return "Solution"
        case .message: return "Message"
        }
    }

    /// The pane's lines; none longer than `width` columns.
    var lines: [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { ScreenText.fit(String($0), width: width) }
    }

    private var renderer: ReportRenderer { ReportRenderer(style: style, width: width) }

    private var text: String {
        let session = engine.session, exercise = engine.exercise
        switch engine.pane {
        case .report:
            guard let report = engine.report else { return "" }
            var out = renderer.diagnosticLines(report) + renderer.failureLines(report)
            if let note = renderer.closingNote(report) { out += ["", note] }
            if out.isEmpty { out = ["", "No failing tests."] }
            out.append("")
            out.append(style.dim(Style.wrapped("c checklist · v review notes (\(report.review.count))\(report.timeline == nil ? "" : " · t timeline")", indent: 0, width: width)))
            return out.dropFirst().joined(separator: "\n")
        case .checklist:
            guard let report = engine.report else { return "" }
            return renderer.checklistLines(report.checklist).dropFirst().joined(separator: "\n")
        case .review:
            guard let report = engine.report else { return "" }
            if report.review.isEmpty { return "The review found nothing to point out in your code." }
            return renderer.reviewLines(report.review).dropFirst().joined(separator: "\n")
        case .timeline:
            guard let report = engine.report else { return "" }
            guard let timeline = report.timeline else {
                return exercise.timelineTest == nil
                    ? "This exercise draws no timeline: its tests do not run calls side by side."
                    : "The last check did not run \(exercise.timelineTest!), the test that is drawn; fix what stops it and check again."
            }
            return TimelineChart(style: style, width: width).lines(timeline).dropFirst().joined(separator: "\n")
        case .rules:
            return rulesText
        case .hint(let shown):
            return HintCommand.text(exercise, shown: shown, passed: engine.passed, width: width,
                                    again: engine.wording.again, solution: engine.wording.solution)
        case .list(let cursor):
            let rows = ListCommand.rows(session, state: session.store.load())
            return ListCommand.render(rows, current: cursor, style: style)
        case .solution:
            return SolutionCommand.text(exercise, style: style, width: width)
        case .message(let message):
            return Style.fitted(message, width: width)
        }
    }

    private var rulesText: String {
        let brief = ExerciseBrief(engine.exercise)
        var out: [String] = []
        if engine.welcome { out += [Style.wrapped(engine.welcomeText, indent: 0, width: width), ""] }
        out.append(Style.wrapped(brief.quote, indent: 2, width: width))
        if !brief.signature.isEmpty {
            out += ["", style.strong("Write this"), brief.signature.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")]
        }
        if !brief.rules.isEmpty {
            out += [""] + brief.rulesLines(width: width, indent: 2)
        }
        return out.joined(separator: "\n")
    }
}
