import Foundation

/// `asynclings hint [NAME]`: the next hint not yet shown; the count is kept.
enum HintCommand {
    /// The hints of an exercise, most general first.
    static func hints(_ exercise: Exercise) -> [String] {
        let text = (try? String(contentsOf: exercise.hintsFile, encoding: .utf8)) ?? ""
        return text.components(separatedBy: "\n---\n")
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
    }

    /// Records that the next hint was shown and returns its number (1-based); nil when the
    /// exercise has none.
    static func advance(_ session: Session, exercise: Exercise) -> Int? {
        let count = hints(exercise).count
        guard count > 0 else { return nil }
        let shown = min((session.store.load().exercises[exercise.name]?.hintsShown ?? 0) + 1, count)
        let now = session.context.now()
        session.save { state in
            var progress = state.exercises[exercise.name] ?? .init()
            progress.touch(at: now)
            progress.hintsShown = max(progress.hintsShown, shown)
            state.exercises[exercise.name] = progress
        }
        return shown
    }

    /// Hint `shown` of `exercise`, wrapped to `width`, with how to ask for more. `again` and
    /// `solution` say how in the learner's mode (a key, a typed word, a command).
    static func text(_ exercise: Exercise, shown: Int, passed: Bool, width: Int = 80, again: String? = nil, solution: String? = nil) -> String {
        let hints = hints(exercise)
        guard shown >= 1, shown <= hints.count else { return "This exercise has no hints." }
        let solution = solution ?? "`asynclings solution \(exercise.name)`"
        let more: String
        if shown < hints.count {
            more = "(\(hints.count - shown) more: \(again ?? "run `asynclings hint \(exercise.name)` again"))"
        } else if passed {
            more = "(that was the last hint; \(solution) shows the reference solution)"
        } else {
            more = "(that was the last hint; \(solution) after a pass)"
        }
        return "Hint \(shown) of \(hints.count) for \(exercise.name):\n\n\(Style.wrapped(hints[shown - 1], indent: 2, width: width))\n\n\(Style.wrapped(more, indent: 0, width: width))"
    }

    /// Shows the next hint and records it; returns the text shown.
    static func nextHint(_ session: Session, exercise: Exercise, again: String? = nil, solution: String? = nil) -> String {
        guard let shown = advance(session, exercise: exercise) else { return "This exercise has no hints." }
        return text(exercise, shown: shown, passed: session.hasPassed(exercise), again: again, solution: solution)
    }

    static func run(_ session: Session) throws(AsynclingsError) -> Int32 {
        let exercise = try session.chosenExercise(for: "hint")
        session.context.print(nextHint(session, exercise: exercise))
        return 0
    }
}
