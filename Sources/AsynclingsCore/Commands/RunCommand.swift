import Foundation

/// `asynclings run [NAME] [--file PATH] [--json]`: one check, one report, an exit code.
enum RunCommand {
    static func run(_ session: Session) throws(AsynclingsError) -> Int32 {
        let exercise = try session.chosenExercise(for: "run")
        let file: URL
        if let path = session.arguments.file {
            file = Session.resolve(path, in: session.context.currentDirectory)
            guard FileManager.default.fileExists(atPath: file.path) else {
                throw .usage("there is no file at \(path).", fix: "Check the path, or leave out --file to check \(session.display(session.workspace.file(for: exercise))).")
            }
        } else {
            file = try session.workspace.open(exercise)
        }
        if !session.harnessIsBuilt() { session.context.printError("note: " + Session.harnessNote + "…") }
        // A file from elsewhere is checked as is and not counted as the learner's attempt.
        // The untouched starter is not counted either (Session.checkLearnersFile).
        let report = session.arguments.file == nil
            ? try session.checkLearnersFile(exercise, file: file)
            : try session.check(exercise, file: file, record: false)
        if session.arguments.json {
            session.context.print(ReportJSON.encode(report))
        } else {
            session.context.print(ReportRenderer(style: session.style).render(report, title: exercise.title))
        }
        return report.passed ? 0 : 1
    }
}
