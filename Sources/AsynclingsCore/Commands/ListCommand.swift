/// `asynclings list [--json]`: every exercise with status and best score.
enum ListCommand {
    struct Row: Encodable {
        let number: Int
        let name: String
        let title: String
        let difficulty: Int
        let status: ExerciseStatus
        let bestScore: Double
        /// Passed, but under an earlier version of the hidden suite.
        var earlierSuite = false
        enum CodingKeys: String, CodingKey {
            case number, name, title, difficulty, status, bestScore = "best_score", earlierSuite = "earlier_suite"
        }
    }

    /// What a status marked with `*` means.
    static let earlierSuiteNote = "passed under an earlier suite: its tests have changed since. Opening it in practice checks your file again; the file itself is not changed."

    static func rows(_ session: Session, state: ProgressState) -> [Row] {
        session.catalog.exercises.map { exercise in
            let progress = state.exercises[exercise.name] ?? .init()
            return Row(number: exercise.number, name: exercise.name, title: exercise.title, difficulty: exercise.difficulty,
                       status: progress.status, bestScore: progress.bestScore,
                       earlierSuite: progress.passedUnderEarlierSuite(current: exercise.suiteFingerprint))
        }
    }

    static func run(_ session: Session) throws(AsynclingsError) -> Int32 {
        let state = session.store.load()
        let rows = rows(session, state: state)
        if session.arguments.json {
            session.context.print(ReportJSON.encode(rows))
            return 0
        }
        session.context.print(render(rows, current: state.current, style: session.style))
        return 0
    }

    static func render(_ rows: [Row], current: String?, style: Style) -> String {
        var lines = [style.strong(" #  exercise                    level  status        best")]
        for row in rows {
            let marker = row.name == current ? "›" : " "
            let status: String
            switch row.status {
            case .passed where row.earlierSuite: status = style.warn("passed*      ")
            case .passed: status = style.good("passed       ")
            case .inProgress: status = style.warn("in progress  ")
            case .notStarted: status = style.dim("not started  ")
            }
            let level = String(repeating: "●", count: row.difficulty) + String(repeating: "○", count: max(0, 3 - row.difficulty))
            let number = row.number < 10 ? " \(row.number)" : "\(row.number)"
            let best = row.status == .notStarted ? "" : "\(Int((row.bestScore * 100).rounded()))%"
            lines.append("\(marker)\(number) \(row.name.padding(toLength: 27, withPad: " ", startingAt: 0)) \(level)    \(status) \(best)")
        }
        if rows.contains(where: \.earlierSuite) { lines += ["", style.dim("* " + earlierSuiteNote)] }
        return lines.joined(separator: "\n")
    }
}
