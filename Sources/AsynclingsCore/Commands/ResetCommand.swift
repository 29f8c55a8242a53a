import Foundation

/// `asynclings reset NAME`: back up the learner's file, then restore the starter.
enum ResetCommand {
    static func run(_ session: Session) throws(AsynclingsError) -> Int32 {
        guard let name = session.arguments.positional.first else {
            throw .usage("reset needs the exercise.", fix: "For example: asynclings reset fetch-all")
        }
        let exercise = try session.catalog.exercise(named: name)
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        formatter.timeZone = TimeZone(identifier: "UTC")
        let stamp = formatter.string(from: session.context.now())
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
