import Foundation

extension Session {
    /// Checks the learner's own file and records it, unless it is still the starter as copied:
    /// that report says nothing about the learner, so it counts no attempt and sets no best
    /// score or status (the time spent and the current exercise are still kept).
    func checkLearnersFile(_ exercise: Exercise, file: URL) throws(AsynclingsError) -> Report {
        guard Workspace.isUntouchedStarter(file, exercise: exercise) else {
            return try check(exercise, file: file)
        }
        let report = try check(exercise, file: file, record: false)
        let now = context.now()
        save { state in
            state.touch(exercise.name, at: now)
            state.current = exercise.name
        }
        return report
    }
}
