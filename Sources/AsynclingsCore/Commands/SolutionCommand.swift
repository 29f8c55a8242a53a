import Foundation

/// `asynclings solution [NAME] [--force]`: the reference and the narration, after a pass.
enum SolutionCommand {
    /// Records that the solution was shown; refuses before a pass unless `force`.
    static func record(_ session: Session, exercise: Exercise, force: Bool) throws(AsynclingsError) {
        let state = session.store.load()
        let passed = state.exercises[exercise.name]?.status == .passed
        guard passed || force else {
            throw .usage("the solution to \(exercise.name) opens after you pass it.", fix: "Keep going (`asynclings hint \(exercise.name)` helps), or run `asynclings solution \(exercise.name) --force` to see it now; that is recorded.")
        }
        session.save { state in
            var progress = state.exercises[exercise.name] ?? .init()
            progress.solutionRevealed = true
            if !passed { progress.solutionForced = true }
            state.exercises[exercise.name] = progress
        }
    }

    /// The reference (as written) and the narration (wrapped to `width`).
    static func text(_ exercise: Exercise, style: Style, width: Int = 80) -> String {
        let reference = (try? String(contentsOf: exercise.referenceFile, encoding: .utf8)) ?? ""
        let narration = (try? String(contentsOf: exercise.narrationFile, encoding: .utf8)) ?? ""
        return """
        \(style.strong("Reference solution for \(exercise.name)"))

        \(reference)
        \(style.strong("What a strong candidate says"))

        \(Style.fitted(narration.trimmingCharacters(in: .whitespacesAndNewlines), width: width))
        """
    }

    /// The reference and narration as text, recording that it was shown.
    static func reveal(_ session: Session, exercise: Exercise, force: Bool) throws(AsynclingsError) -> String {
        try record(session, exercise: exercise, force: force)
        return text(exercise, style: session.style)
    }

    static func run(_ session: Session) throws(AsynclingsError) -> Int32 {
        let exercise = try session.chosenExercise(for: "solution")
        session.context.print(try reveal(session, exercise: exercise, force: session.arguments.force))
        return 0
    }
}
