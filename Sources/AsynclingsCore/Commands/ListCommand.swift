/// `asynclings list [--json]`: every exercise with status and best score.
enum ListCommand {
    struct Row: Encodable {
        let number: Int
        let name: String
        let title: String
        let difficulty: Int
        let status: String
        let bestScore: Double
        enum CodingKeys: String, CodingKey { case number, name, title, difficulty, status, bestScore = "best_score" }
    }

    static func rows(_ session: Session, state: ProgressState) -> [Row] {
        session.catalog.exercises.map { exercise in
            let progress = state.exercises[exercise.name] ?? .init()
            return Row(number: exercise.number, name: exercise.name, title: exercise.title, difficulty: exercise.difficulty,
                       status: progress.status, bestScore: progress.bestScore)
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
            case "passed": status = style.good("passed       ")
            case "in-progress": status = style.warn("in progress  ")
            default: status = style.dim("not started  ")
            }
            let level = String(repeating: "●", count: row.difficulty) + String(repeating: "○", count: max(0, 3 - row.difficulty))
            let number = row.number < 10 ? " \(row.number)" : "\(row.number)"
            let best = row.status == "not-started" ? "" : "\(Int((row.bestScore * 100).rounded()))%"
            lines.append("\(marker)\(number) \(row.name.padding(toLength: 27, withPad: " ", startingAt: 0)) \(level)    \(status) \(best)")
        }
        return lines.joined(separator: "\n")
    }
}
