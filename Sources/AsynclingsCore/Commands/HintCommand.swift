import Foundation

/// `asynclings hint NAME`: the next hint not yet shown; the count is kept.
enum HintCommand {
    /// The hints of an exercise, most general first.
    static func hints(_ exercise: Exercise) -> [String] {
        let text = (try? String(contentsOf: exercise.hintsFile, encoding: .utf8)) ?? ""
        return text.components(separatedBy: "\n---\n")
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
    }

    /// Shows the next hint and records it; returns the text shown. `again` and `solution` say
    /// how to ask for more in the mode the learner is in (a key, a typed word, a command).
    static func nextHint(_ session: Session, exercise: Exercise, again: String? = nil, solution: String? = nil) -> String {
        let hints = hints(exercise)
        guard !hints.isEmpty else { return "This exercise has no hints." }
        let shown = min((session.store.load().exercises[exercise.name]?.hintsShown ?? 0) + 1, hints.count)
        let now = session.context.now()
        session.save { state in
            var progress = state.exercises[exercise.name] ?? .init()
            progress.touch(at: now)
            progress.hintsShown = max(progress.hintsShown, shown)
            state.exercises[exercise.name] = progress
        }
        let more = shown < hints.count
            ? "(\(hints.count - shown) more: \(again ?? "run `asynclings hint \(exercise.name)` again"))"
            : "(that was the last hint; \(solution ?? "`asynclings solution \(exercise.name)`") after a pass)"
        return "Hint \(shown) of \(hints.count) for \(exercise.name):\n\n\(Style.wrapped(hints[shown - 1], indent: 2))\n\n\(more)"
    }

    static func run(_ session: Session) throws(AsynclingsError) -> Int32 {
        guard let name = session.arguments.positional.first else {
            throw .usage("hint needs the exercise.", fix: "For example: asynclings hint fetch-all")
        }
        let exercise = try session.catalog.exercise(named: name)
        session.context.print(nextHint(session, exercise: exercise))
        return 0
    }
}
