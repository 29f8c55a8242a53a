/// Practice one line at a time, for `--manual` and for input that is not a terminal: the
/// engine driven by typed words (`check`, `hint`, `list`, `open 3`…), each answer printed.
struct PracticeLines {
    private(set) var engine: PracticeEngine

    static let commands = "Commands: check · hint · checklist · review · tests · timeline · rules · list · open NAME · next · solution · quit"

    init(session: Session, exercise: Exercise, checker: PracticeEngine.Checker? = nil) {
        engine = PracticeEngine(session: session, exercise: exercise, wording: .typed, checker: checker)
    }

    /// Reads commands until `quit` or the end of the input.
    mutating func run() {
        let session = engine.session
        let print = session.context.print
        engine.start()
        while let line = session.context.readLine() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            guard let action = PracticeAction(typed: trimmed) else {
                let word = String(trimmed.split(separator: " ")[0])
                let guess = NameSuggestions.closest(to: word.lowercased(), among: PracticeAction.typedWords)
                print("Unknown command \"\(word)\"." + (guess.isEmpty ? "" : " Did you mean \(guess.joined(separator: " or "))?") + "\n" + Self.commands)
                continue
            }
            if action == .check && !session.harnessIsBuilt() { print(session.style.warn(Session.harnessNote + "…")) }
            let before = engine.exercise.name
            if engine.perform(action) == .quit { return }
            if !engine.notice.isEmpty {
                print(engine.notice)
            } else if engine.exercise.name != before {
                let file = session.display(engine.file)
                print(session.style.strong("Exercise \(engine.exercise.number): \(engine.exercise.name) — \(engine.exercise.title)") + "\nEdit \(file) and type check (rules shows what is graded).")
            } else if action == .check, let report = engine.report, engine.pane == .report {
                print(ReportRenderer(style: session.style).render(report, title: engine.exercise.title))
            } else {
                print(PaneContent(engine: engine, style: session.style, width: 80).lines.joined(separator: "\n"))
            }
        }
    }
}
