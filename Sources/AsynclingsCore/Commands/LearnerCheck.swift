import Foundation

extension Session {
    /// Checks the learner's own file and records it, unless it is still the starter as copied:
    /// that report says nothing about the learner, so it sets no best score and no status.
    func checkLearnersFile(_ exercise: Exercise, file: URL) throws(AsynclingsError) -> Report {
        try check(exercise, file: file, record: !Workspace.isUntouchedStarter(file, exercise: exercise))
    }
}
