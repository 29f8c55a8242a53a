import Foundation

/// One mock interview in progress: the clock, the checks and the hints.
struct Interview {
    /// Checks the file with the typed intent, without recording it (the session's check, or a test's stand-in).
    typealias Check = @Sendable (Exercise, URL, String) throws(AsynclingsError) -> Report

    let session: Session
    let checker: Check
    let exercise: Exercise
    let file: URL
    let intent: String
    let minutes: Int
    let start: Date
    /// The file's modification time before anything was shown: a save after it is checked.
    let baseline: Date?
    private(set) var attempts = 0
    private(set) var hints = 0
    private(set) var report: Report?
    private(set) var ending = Scorecard.Ending.stopped

    init(session: Session, exercise: Exercise, file: URL, intent: String, minutes: Int, start: Date, baseline: Date?, checker: Check? = nil) {
        self.baseline = baseline
        self.session = session
        if let checker {
            self.checker = checker
        } else {
            self.checker = { exercise, file, intent throws(AsynclingsError) -> Report in
                try session.check(exercise, file: file, record: false, statedIntent: intent)
            }
        }
        self.exercise = exercise
        self.file = file
        self.intent = intent
        self.minutes = minutes
        self.start = start
    }

    private var secondsLeft: Double { Double(minutes * 60) - session.context.now().timeIntervalSince(start) }

    private var status: String {
        let left = max(0, Int(secondsLeft))
        return "⏱ \(left / 60):\(String(format: "%02d", left % 60)) left · attempts \(attempts) · hints \(hints)"
    }

    /// Checks the file with the typed intent; returns true when it passes.
    private mutating func check() -> Bool {
        attempts += 1
        clearStatus()
        do {
            let checked = try checker(exercise, file, intent)
            report = checked
            session.context.print(ReportRenderer(style: session.style).render(checked, title: exercise.title))
        } catch {
            session.context.print(error.message)
        }
        if report?.passed == true {
            ending = .passed
            return true
        }
        if !keys { session.context.print(session.style.dim(status)) }
        return false
    }

    private mutating func hint() {
        clearStatus()
        let all = HintCommand.hints(exercise)
        guard hints < all.count else {
            session.context.print("No more hints.")
            return
        }
        hints += 1
        session.context.print("Hint \(hints) (costs 10 points):\n" + Style.wrapped(all[hints - 1], indent: 2))
    }

    /// Whether the countdown is drawn on the terminal's last line (key mode only).
    private var keys = false
    private var statusShown = false

    /// Wipes the countdown line, so what is printed next takes its place.
    private mutating func clearStatus() {
        guard statusShown else { return }
        session.context.terminal.write("\r\u{1B}[2K")
        statusShown = false
    }

    /// Line mode: `check`, `hint`, `quit`, one per line (off a terminal, or with --manual).
    mutating func runWithLines() {
        let commands = "Commands: check, hint, quit."
        session.context.print(commands)
        while let line = session.context.readLine() {
            if secondsLeft <= 0 {
                ending = .timeUp
                return
            }
            switch line.trimmingCharacters(in: .whitespaces).lowercased() {
            case "check", "c", "r": if check() { return }
            case "hint", "h": hint()
            case "quit", "q":
                session.context.print("End the interview now? Type yes to end it, anything else to go on.")
                if let answer = session.context.readLine()?.trimmingCharacters(in: .whitespaces).lowercased(), answer == "yes" || answer == "y" { return }
                session.context.print("Going on. " + commands)
            case "": continue
            default: session.context.print("Unknown command \"\(line)\". " + commands)
            }
        }
    }

    /// Terminal mode: checks on save, keys `h` hint, `r` re-check, `q` end (after a `y`); the
    /// countdown redrawn in place on the last line.
    mutating func runWithKeys() {
        keys = true
        let terminal = session.context.terminal
        session.context.print(session.style.dim("keys: h hint (costs points) · r check · q end the interview"))
        var seen = baseline
        var lastShown = -1
        while true {
            if secondsLeft <= 0 {
                ending = .timeUp
                if attempts == 0 || session.context.modificationDate(file) != seen { _ = check() }
                clearStatus()
                return
            }
            let left = Int(secondsLeft)
            if left != lastShown || !statusShown {
                lastShown = left
                terminal.write("\r\u{1B}[2K" + session.style.dim(status))
                statusShown = true
            }
            switch terminal.key(waiting: 200) {
            case "q":
                clearStatus()
                terminal.write(session.style.warn("End the interview now? y ends it, any other key goes on. "))
                statusShown = true
                var answer: Character?
                while answer == nil { answer = terminal.key(waiting: 1000) }
                clearStatus()
                if answer == "y" || answer == "Y" { return }
            case "h": hint()
            case "r": if check() { return }
            default: break
            }
            let now = session.context.modificationDate(file)
            if now != seen {
                seen = now
                if check() { return }
            }
        }
    }

    /// The scorecard for where the interview stands now.
    func scorecard() -> Scorecard {
        Scorecard(
            exercise: exercise.name, startedAt: start.timeIntervalSince1970, minutes: minutes,
            secondsUsed: min(Double(minutes * 60), session.context.now().timeIntervalSince(start)),
            attempts: attempts, hints: hints, intent: intent, ending: ending,
            points: Scorecard.points(report: report, hints: hints), report: report)
    }
}
