extension Session {
    /// The exercise a command acts on: the one named on the command line, else the current
    /// one (state.json `current`), else the one practice would open (the first not passed).
    func chosenExercise(for command: String) throws(AsynclingsError) -> Exercise {
        if let name = arguments.positional.first { return try catalog.exercise(named: name) }
        let state = store.load()
        if let current = state.current, let exercise = try? catalog.exercise(named: current) { return exercise }
        return firstUnfinished(state)
    }
}
