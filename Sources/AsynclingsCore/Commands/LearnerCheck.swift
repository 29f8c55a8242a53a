import Foundation

extension Session {
    /// Checks the learner's own file and records it, unless it is still the starter as copied:
    /// that report says nothing about the learner, so it counts no attempt and sets no best
    /// score or status (the time spent and the current exercise are still kept).
    /// The file is read once: whether it is the starter is decided on the text that is checked.
    func checkLearnersFile(_ exercise: Exercise, file: URL) throws(AsynclingsError) -> Report {
        let source = try Checker.readAnswer(file, displayPath: display(file), exercise: exercise)
        guard source.problem == nil, Workspace.isUntouchedStarter(text: source.text, exercise: exercise) else {
            return try check(exercise, file: file, record: true, statedIntent: nil, source: source)
        }
        let report = try check(exercise, file: file, record: false, statedIntent: nil, source: source)
        let now = context.now()
        save { state in
            state.touch(exercise.name, at: now)
            state.current = exercise.name
        }
        return report
    }
}
