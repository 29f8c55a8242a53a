/// Practice one line at a time, for `--manual` and for input that is not a terminal: the same
/// actions as the practice screen's keys, typed as words (`check`, `hint`, `list`, `open 3`…).
struct PracticeLines {
    let session: Session
    var exercise: Exercise
    private var lastReport: Report?

    static let commands = "Commands: check · hint · checklist · list · open NAME · next · solution · quit"

    init(session: Session, exercise: Exercise) {
        self.session = session
        self.exercise = exercise
        lastReport = session.store.load().exercises[exercise.name]?.lastReport
    }

    /// Reads commands until `quit` or the end of the input.
    mutating func run() {
        let print = session.context.print
        while let line = session.context.readLine() {
            let words = line.split(separator: " ").map(String.init)
            guard let command = words.first?.lowercased() else { continue }
            switch command {
            case "check", "c", "r", "run":
                do {
                    let report = try session.check(exercise, file: session.workspace.file(for: exercise))
                    lastReport = report
                    print(ReportRenderer(style: session.style).render(report, title: exercise.title))
                } catch {
                    print(error.message)
                }
            case "hint", "h":
                print(HintCommand.nextHint(session, exercise: exercise, again: "type hint again", solution: "type solution"))
            case "checklist":
                print(lastReport.map { ReportRenderer(style: session.style).checklistLines($0.checklist).joined(separator: "\n") } ?? "No check yet: type check.")
            case "list", "l":
                print(ListCommand.render(ListCommand.rows(session, state: session.store.load()), current: exercise.name, style: session.style))
            case "open", "o":
                guard words.count == 2 else {
                    print("open needs an exercise's number or name, e.g. open 2 (list shows them).")
                    continue
                }
                do {
                    open(try session.catalog.exercise(named: words[1]))
                } catch {
                    print(error.message)
                }
            case "next", "n":
                guard session.hasPassed(exercise) else {
                    print("next opens after this exercise passes; type check to check it.")
                    continue
                }
                if let next = session.catalog.exercises.first(where: { $0.number > exercise.number }) { open(next) } else { print("That was the last exercise.") }
            case "solution", "s":
                print((try? SolutionCommand.reveal(session, exercise: exercise, force: false)) ?? "The solution opens after you pass; type check after saving your file.")
            case "quit", "q", "exit":
                return
            default:
                print(Self.commands)
            }
        }
    }

    private mutating func open(_ next: Exercise) {
        exercise = next
        lastReport = session.startSitting(on: next)
        session.context.print(session.style.strong("Exercise \(next.number): \(next.name) — \(next.title)") + "\nEdit \(session.display(session.workspace.file(for: next))) and type check.")
    }
}
