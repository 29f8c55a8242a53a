import Foundation

/// The interactive practice screen: shows the exercise and the last report, re-checks on
/// every save (the file's modification time is polled), and answers single keys.
struct PracticeLoop {
    let session: Session
    var exercise: Exercise
    private var lastReport: Report?
    private var message = ""

    init(session: Session, exercise: Exercise) {
        self.session = session
        self.exercise = exercise
    }

    private var file: URL { session.workspace.file(for: exercise) }

    private func modified() -> Date? { Workspace.modificationDate(of: file) }

    private func draw() {
        let style = session.style
        var screen = "\u{1B}[H\u{1B}[2J"
        screen += style.strong("Exercise \(exercise.number)/\(session.catalog.exercises.count): \(exercise.name) — \(exercise.title)") + "\n\n"
        screen += Style.wrapped(exercise.interviewerQuote, indent: 2) + "\n\n"
        screen += "Edit \(style.strong(session.display(file))) and save: it is checked on every save.\n\n"
        if let report = lastReport {
            screen += ReportRenderer(style: style).render(report, title: exercise.title) + "\n\n"
        }
        if !message.isEmpty { screen += message + "\n\n" }
        let passed = session.hasPassed(exercise)
        screen += style.dim("keys: h hint · l list · r re-check · c checklist" + (passed ? " · n next · s solution" : "") + " · q quit")
        session.context.print(screen)
    }

    private mutating func check() {
        session.context.print(session.style.warn("checking…"))
        do {
            lastReport = try session.check(exercise, file: file)
            message = ""
        } catch {
            message = error.message
        }
        draw()
    }

    /// Runs until `q`; false when standard input is not a terminal (nothing was shown).
    mutating func run() throws(AsynclingsError) -> Bool {
        try session.workspace.open(exercise)
        let state = session.store.load()
        lastReport = state.exercises[exercise.name]?.lastReport
        if state.exercises.isEmpty {
            message = Style.wrapped("Welcome! Open the file above in your editor. Every time you save, asynclings compiles it with hidden tests and shows what an interviewer would notice. Press h for a hint.", indent: 0)
        }
        guard RawTerminal.enable() else { return false }
        defer { RawTerminal.restore() }
        lastReport = session.startSitting(on: exercise)
        draw()
        var seen = modified()
        while true {
            if let key = RawTerminal.key(waiting: 100) {
                switch key {
                case "q":
                    session.context.print("")
                    return true
                case "r": check()
                case "h":
                    message = HintCommand.nextHint(session, exercise: exercise, again: "press h again", solution: "press s")
                    draw()
                case "c":
                    message = lastReport.map { ReportRenderer(style: session.style).checklistLines($0.checklist).joined(separator: "\n") } ?? "No check yet: save your file or press r."
                    draw()
                case "l":
                    if let next = pickExercise() {
                        open(next)
                        seen = modified()
                    } else {
                        message = ""
                        draw()
                    }
                case "n" where session.hasPassed(exercise):
                    if let next = session.catalog.exercises.first(where: { $0.number > exercise.number }) {
                        open(next)
                        seen = modified()
                    }
                case "s" where session.hasPassed(exercise):
                    message = (try? SolutionCommand.reveal(session, exercise: exercise, force: false)) ?? ""
                    draw()
                default: break
                }
            }
            let now = modified()
            if now != seen {
                seen = now
                check()
            }
        }
    }

    private mutating func open(_ next: Exercise) {
        exercise = next
        lastReport = session.startSitting(on: next)
        message = ""
        draw()
    }

    /// Shows the list as a menu until the learner opens an exercise or goes back (nil).
    private mutating func pickExercise() -> Exercise? {
        let exercises = session.catalog.exercises
        var picker = ExercisePicker(numbers: exercises.map(\.number), current: exercise.number)
        let rows = ListCommand.rows(session, state: session.store.load())
        while true {
            let selected = exercises[picker.cursor].name
            message = ListCommand.render(rows, current: selected, style: session.style)
                + "\n\n" + session.style.dim("↑/↓ or a number to choose · Enter open · Esc back")
            draw()
            guard let key = RawTerminal.menuKey(waiting: 60_000) else { return nil }
            switch picker.handle(key) {
            case .stay: continue
            case .cancel: return nil
            case .open(let number): return exercises.first { $0.number == number }
            }
        }
    }
}
