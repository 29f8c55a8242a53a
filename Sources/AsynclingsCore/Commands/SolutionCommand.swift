import Foundation

/// `asynclings solution NAME [--force]`: the reference and the narration, after a pass.
enum SolutionCommand {
    /// The reference and narration as text, recording that it was shown.
    static func reveal(_ session: Session, exercise: Exercise, force: Bool) throws(AsynclingsError) -> String {
        let state = session.store.load()
        let passed = state.exercises[exercise.name]?.status == "passed"
        guard passed || force else {
            throw .usage("the solution to \(exercise.name) opens after you pass it.", fix: "Keep going (`asynclings hint \(exercise.name)` helps), or run `asynclings solution \(exercise.name) --force` to see it now; that is recorded.")
        }
        session.save { state in
            var progress = state.exercises[exercise.name] ?? .init()
            progress.solutionRevealed = true
            if !passed { progress.solutionForced = true }
            state.exercises[exercise.name] = progress
        }
        let reference = (try? String(contentsOf: exercise.referenceFile, encoding: .utf8)) ?? ""
        let narration = (try? String(contentsOf: exercise.narrationFile, encoding: .utf8)) ?? ""
        return """
        \(session.style.strong("Reference solution for \(exercise.name)"))

        \(reference)
        \(session.style.strong("What a strong candidate says"))

        \(Style.fitted(narration.trimmingCharacters(in: .whitespacesAndNewlines)))
        """
    }

    static func run(_ session: Session) throws(AsynclingsError) -> Int32 {
        guard let name = session.arguments.positional.first else {
            throw .usage("solution needs the exercise.", fix: "For example: asynclings solution fetch-all")
        }
        let exercise = try session.catalog.exercise(named: name)
        session.context.print(try reveal(session, exercise: exercise, force: session.arguments.force))
        return 0
    }
}
