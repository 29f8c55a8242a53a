/// Bare `asynclings`: the full-screen practice view on a terminal; off a terminal (or with
/// `--manual`), the current exercise and how to check it, then commands read line by line
/// until the input ends.
enum PracticeCommand {
    static func run(_ session: Session) throws(AsynclingsError) -> Int32 {
        let state = session.store.load()
        let current = try session.named(session.arguments.positional.first)
            ?? state.current.flatMap { try? session.catalog.exercise(named: $0) } ?? session.firstUnfinished(state)
        // The file is made before anything is shown: an unwritable workspace stops here (exit 3).
        try session.workspace.open(current)
        if let checker = try? session.checker() { session.workspace.updateEditorSupport(checker) }
        if session.context.isTerminal && !session.arguments.manual {
            var loop = PracticeLoop(session: session, exercise: current)
            if loop.run() { return 0 }
        }
        let file = session.workspace.file(for: current)
        session.context.print("""
        \(session.style.strong("Exercise \(current.number): \(current.name) — \(current.title)"))

        Edit \(session.display(file)) in your editor, then check it with:

            asynclings run \(current.name)

        `asynclings show` prints what is graded; `asynclings hint` gives a hint; `asynclings list` shows every exercise.
        """)
        if session.arguments.manual { session.context.print("\n" + PracticeLines.commands) }
        var lines = PracticeLines(session: session, exercise: current)
        lines.run()
        return 0
    }
}
