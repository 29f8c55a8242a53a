import Foundation

/// One practice session, whatever drives it: `perform` takes an action, changes the state
/// (the exercise, its last report, the pane shown, a one-line notice) and says whether to
/// draw or stop. The practice screen's keys and the typed-line loop are thin adapters on it.
struct PracticeEngine {
    /// What fills the screen below the header, one at a time.
    enum Pane: Equatable {
        /// The failing tests, compiler messages, what ended the run, latency.
        case report
        case checklist
        case review
        /// Who ran when in the drawn test, beside the best run.
        case timeline
        /// The quote, the signature and the rules.
        case rules
        /// Hint number `shown`.
        case hint(shown: Int)
        /// Every exercise, the cursor on `cursor`.
        case list(cursor: String)
        case solution
        /// A message in place of a pane (an error, the welcome).
        case message(String)
    }

    /// What the adapter does after an action.
    enum Effect: Equatable {
        case draw
        case quit
    }

    /// How the learner asks for things in this mode, for the sentences that tell them.
    struct Wording: Sendable {
        let check: String, hint: String, again: String, solution: String, open: String, rules: String

        static let keys = Wording(check: "save your file or press r", hint: "press h", again: "press h again", solution: "press s", open: "press l", rules: "press i")
        static let typed = Wording(check: "type check", hint: "type hint", again: "type hint again", solution: "type solution", open: "type list", rules: "type rules")
    }

    /// Checks a file for an exercise and records it (the session's check, or a test's stand-in).
    typealias Checker = @Sendable (Exercise, URL) throws(AsynclingsError) -> Report

    let session: Session
    let wording: Wording
    let checker: Checker
    private(set) var exercise: Exercise
    private(set) var report: Report?
    private(set) var pane: Pane = .rules
    /// One line under the pane: why a key did nothing, or what just happened.
    private(set) var notice = ""
    /// The greeting shown above the rules until the first check.
    private(set) var welcome = false
    /// Whether `exercise` has passed once (next and solution are open).
    private(set) var passed = false
    private var paneBeforeList: Pane = .rules

    /// The greeting for a learner's first session.
    var welcomeText: String {
        "Welcome! Open the file named above in your editor. Every time you save, asynclings compiles it with hidden tests and shows what an interviewer would notice. For a hint, \(wording.hint); to come back to these rules, \(wording.rules)."
    }

    init(session: Session, exercise: Exercise, wording: Wording, checker: Checker? = nil) {
        self.session = session
        self.exercise = exercise
        self.wording = wording
        if let checker {
            self.checker = checker
        } else {
            self.checker = { exercise, file throws(AsynclingsError) -> Report in try session.checkLearnersFile(exercise, file: file) }
        }
    }

    /// The learner's file for the current exercise.
    var file: URL { session.workspace.file(for: exercise) }

    /// Opens the first exercise: its file (made from the starter if needed), a new sitting,
    /// the last report. Says welcome when the workspace has no progress yet.
    mutating func start() {
        welcome = session.store.load().exercises.isEmpty
        switchTo(exercise)
    }

    /// Does `action`.
    mutating func perform(_ action: PracticeAction) -> Effect {
        notice = ""
        switch action {
        case .check:
            if let missing = missingFile {
                pane = .message(missing)
                break
            }
            finishCheck(Result { () throws(AsynclingsError) -> Report in try checker(exercise, file) })
        case .hint:
            if let shown = HintCommand.advance(session, exercise: exercise) {
                pane = .hint(shown: shown)
            } else {
                notice = "This exercise has no hints."
            }
        case .checklist, .review, .failing, .timeline:
            guard report != nil else {
                notice = "No check yet: \(wording.check)."
                break
            }
            pane = action == .checklist ? .checklist : action == .review ? .review : action == .timeline ? .timeline : .report
        case .rules:
            pane = .rules
        case .list:
            if case .list = pane {} else { paneBeforeList = pane }
            pane = .list(cursor: exercise.name)
        case .highlight(let name):
            pane = .list(cursor: name)
        case .back:
            if case .list = pane { pane = paneBeforeList }
        case .open(let name):
            guard !name.isEmpty else {
                notice = "open needs an exercise's number or name, e.g. open 2 (\(wording.open) to see them)."
                break
            }
            do {
                switchTo(try session.catalog.exercise(named: name))
            } catch {
                notice = error.message.replacingOccurrences(of: "\n", with: " ")
            }
        case .next:
            guard passed else {
                notice = "The next exercise opens once this one passes\(progressNote). \(wording.open.prefix(1).uppercased() + wording.open.dropFirst()) to open any exercise."
                break
            }
            if let next = session.catalog.exercises.first(where: { $0.number > exercise.number }) {
                switchTo(next)
            } else {
                notice = "That was the last exercise: \(wording.open) to practise another."
            }
        case .solution:
            guard passed else {
                notice = "The solution opens once this exercise passes\(progressNote); until then hints help (`asynclings solution \(exercise.name) --force` shows it now, and is recorded)."
                break
            }
            do {
                try SolutionCommand.record(session, exercise: exercise, force: false)
                pane = .solution
            } catch {
                notice = error.message.replacingOccurrences(of: "\n", with: " ")
            }
        case .quit:
            return .quit
        }
        return .draw
    }

    /// Takes in a check's outcome (run by `perform(.check)`, or on another thread by the screen).
    mutating func finishCheck(_ result: Result<Report, AsynclingsError>) {
        switch result {
        case .success(let checked):
            report = checked
            pane = .report
            welcome = false
            passed = session.hasPassed(exercise)
        case .failure(let error):
            pane = .message(error.message)
        }
    }

    /// What to say instead of checking when the learner's file is gone; nil when it is there.
    var missingFile: String? {
        guard !FileManager.default.fileExists(atPath: file.path) else { return nil }
        let shown = session.display(file)
        return "\(shown) is gone. `asynclings reset \(exercise.name)` makes it again from the starter (or put your own copy back); it is checked as soon as it is there."
    }

    /// ", 5/8 tests pass now" after a check, nothing before.
    private var progressNote: String {
        guard let report else { return "" }
        return " (\(report.tests.filter { $0.status == .pass }.count)/\(report.tests.count) tests pass now)"
    }

    private mutating func switchTo(_ next: Exercise) {
        exercise = next
        report = session.startSitting(on: next)
        passed = session.hasPassed(next)
        pane = report == nil ? .rules : .report
    }
}
