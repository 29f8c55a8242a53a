/// `asynclings review [NAME] [--json]`: the last report's checklist, or a summary of all.
enum ReviewCommand {
    struct Summary: Encodable {
        struct Row: Encodable {
            let name: String
            let status: ExerciseStatus
            let attempts: Int
            let categories: [String: Report.Score]
            let checklist: [String: String]
            let compiles: Bool
            let essentialNotes: Int
            /// Passed, but under an earlier version of the hidden suite.
            var earlierSuite = false
            enum CodingKeys: String, CodingKey {
                case name, status, attempts, categories, checklist, compiles
                case essentialNotes = "essential_notes", earlierSuite = "earlier_suite"
            }
        }
        let exercises: [Row]
        let mostMissed: [String: Int]
        let interviews: [Scorecard]
        enum CodingKeys: String, CodingKey { case exercises, interviews, mostMissed = "most_missed" }
    }

    static func run(_ session: Session) throws(AsynclingsError) -> Int32 {
        let state = session.store.load()
        if let name = session.arguments.positional.first {
            let exercise = try session.catalog.exercise(named: name)
            guard let progress = state.exercises[exercise.name], let report = progress.lastReport else {
                throw .usage("there is no report for \(exercise.name) yet.", fix: "Run `asynclings run \(exercise.name)` first.")
            }
            if session.arguments.json {
                session.context.print(ReportJSON.encode(report))
            } else {
                let renderer = ReportRenderer(style: session.style)
                var lines = [session.style.strong("\(exercise.name) — last check: \(report.verdict.rawValue), \(report.tests.filter { $0.status == .pass }.count)/\(report.tests.count) tests")]
                if progress.passedUnderEarlierSuite(current: exercise.suiteFingerprint) {
                    lines.append("This exercise " + ListCommand.earlierSuiteNote)
                }
                if report.verdict == .compileError { lines += renderer.diagnosticLines(report) }
                lines.append("")
                lines += renderer.checklistLines(report.checklist)
                if !report.review.isEmpty { lines += [""] + renderer.reviewLines(report.review) }
                if let timeline = report.timeline { lines += [""] + TimelineChart(style: session.style, width: renderer.width).lines(timeline) }
                session.context.print(lines.joined(separator: "\n"))
            }
            return 0
        }
        let summary = summarize(session, state: state)
        if session.arguments.json {
            session.context.print(ReportJSON.encode(summary))
            return 0
        }
        guard !summary.exercises.isEmpty || !summary.interviews.isEmpty else {
            session.context.print("No checks yet. Run `asynclings` to start practising, or `asynclings run fetch-all`.")
            return 0
        }
        session.context.print(render(summary, style: session.style))
        return 0
    }

    static func summarize(_ session: Session, state: ProgressState) -> Summary {
        var rows: [Summary.Row] = []
        var missed: [String: Int] = [:]
        for exercise in session.catalog.exercises {
            guard let progress = state.exercises[exercise.name], let report = progress.lastReport else { continue }
            var marks: [String: String] = [:]
            for item in report.checklist {
                marks[item.id.rawValue] = item.status.rawValue
                if item.status == .missed { missed[item.id.rawValue, default: 0] += 1 }
            }
            rows.append(.init(name: exercise.name, status: progress.status, attempts: progress.attempts, categories: report.categories, checklist: marks,
                              compiles: report.verdict != .compileError, essentialNotes: report.review.filter { $0.severity == .essential }.count,
                              earlierSuite: progress.passedUnderEarlierSuite(current: exercise.suiteFingerprint)))
        }
        // A mock interview's last check counts too: what you miss under time pressure matters most.
        for card in state.interviews {
            for item in card.report?.checklist ?? [] where item.status == .missed { missed[item.id.rawValue, default: 0] += 1 }
        }
        return Summary(exercises: rows, mostMissed: missed, interviews: state.interviews)
    }

    static func render(_ summary: Summary, style: Style) -> String {
        let short: [Report.ChecklistItem.ID: String] = [.intent: "int", .concurrency: "con", .errorSemantics: "err", .latency: "lat", .races: "rac", .resources: "res"]
        var lines = summary.exercises.isEmpty ? [] : [style.strong("exercise                 status       tests    " + Report.ChecklistItem.ID.allCases.map { short[$0]! }.joined(separator: " ") + "  ess")]
        for row in summary.exercises {
            let passed = row.categories.values.reduce(0) { $0 + $1.passed }
            let total = row.categories.values.reduce(0) { $0 + $1.total }
            let marks = Report.ChecklistItem.ID.allCases.map { id -> String in
                switch row.checklist[id.rawValue] {
                case "met": return style.good(" ✓ ")
                case "missed": return style.bad(" ✗ ")
                default: return style.dim(" – ")
                }
            }.joined(separator: " ")
            let tests = (row.compiles ? "\(passed)/\(total)" : "no build").padding(toLength: 8, withPad: " ", startingAt: 0)
            let essential = row.essentialNotes == 0 ? style.dim("  0") : style.bad(String(format: "%3d", row.essentialNotes))
            let status = row.status.rawValue + (row.earlierSuite ? "*" : "")
            lines.append("\(row.name.padding(toLength: 24, withPad: " ", startingAt: 0)) \(status.padding(toLength: 12, withPad: " ", startingAt: 0)) \(tests) \(marks)  \(essential)")
        }
        let broken = summary.exercises.filter { !$0.compiles }.count
        let essentials = summary.exercises.reduce(0) { $0 + $1.essentialNotes }
        if !summary.exercises.isEmpty {
            lines.append("")
            lines.append("\(broken) answer\(broken == 1 ? "" : "s") do\(broken == 1 ? "es" : "") not compile; \(essentials) essential review note\(essentials == 1 ? "" : "s") (ess) to fix.")
        }
        if summary.exercises.contains(where: \.earlierSuite) { lines += ["", style.dim("* " + ListCommand.earlierSuiteNote)] }
        let ranked = summary.mostMissed.sorted { $0.value == $1.value ? $0.key < $1.key : $0.value > $1.value }
        if !lines.isEmpty { lines.append("") }
        if ranked.isEmpty {
            lines.append(style.good("Nothing missed on the checklist so far."))
        } else {
            lines.append("You miss most often: " + ranked.prefix(3).map { "\($0.key) (\($0.value)×)" }.joined(separator: ", "))
        }
        if !summary.interviews.isEmpty {
            lines.append("")
            lines.append(style.strong("Mock interviews"))
            for card in summary.interviews.suffix(5) {
                let used = Int(card.secondsUsed)
                lines.append("  \(card.exercise.padding(toLength: 24, withPad: " ", startingAt: 0)) \(card.points)/100  \(card.ending), \(used / 60) min \(used % 60) s, \(card.attempts) check\(card.attempts == 1 ? "" : "s"), \(card.hints) hint\(card.hints == 1 ? "" : "s")")
            }
        }
        return lines.joined(separator: "\n")
    }
}
