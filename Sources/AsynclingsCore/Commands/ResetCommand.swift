import Foundation

/// `asynclings reset [NAME]`: back up the learner's file, then restore the starter.
enum ResetCommand {
    static func run(_ session: Session) throws(AsynclingsError) -> Int32 {
        let exercise = try session.chosenExercise(for: "reset")
        let stamp = Workspace.stamp(session.context.now())
        let backup = try session.workspace.reset(exercise, stamp: stamp)
        let file = session.display(session.workspace.file(for: exercise))
        if let backup {
            session.context.print("Restored the starter in \(file). Your previous file is kept as \(session.display(backup)).")
        } else {
            session.context.print("Created \(file) from the starter.")
        }
        return 0
    }
}
