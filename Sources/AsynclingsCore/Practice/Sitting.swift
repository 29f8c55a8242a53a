import Foundation

extension Session {
    /// Starts a sitting on `exercise` for either practice mode: creates its file from the
    /// starter if needed, makes it current, starts counting time, and returns its last report.
    func startSitting(on exercise: Exercise) -> Report? {
        _ = try? workspace.open(exercise)
        let now = context.now()
        save { state in
            state.current = exercise.name
            state.touch(exercise.name, at: now, counting: false)
        }
        return store.load().exercises[exercise.name]?.lastReport
    }

    /// Whether `exercise` has passed at least once (its next exercise and solution are open).
    func hasPassed(_ exercise: Exercise) -> Bool {
        store.load().exercises[exercise.name]?.status == "passed"
    }
}
