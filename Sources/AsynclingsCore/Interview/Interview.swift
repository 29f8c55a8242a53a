import Foundation

/// One mock interview in progress: the clock, the checks and the hints.
struct Interview {
    let session: Session
    let exercise: Exercise
    let file: URL
    let intent: String
    let minutes: Int
    let start: Date
    private(set) var attempts = 0
    private(set) var hints = 0
    private(set) var report: Report?
    private(set) var ending = "stopped"

    init(session: Session, exercise: Exercise, file: URL, intent: String, minutes: Int, start: Date) {
        self.session = session
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
        do {
            let checked = try session.check(exercise, file: file, record: false, statedIntent: intent)
            report = checked
            session.context.print(ReportRenderer(style: session.style).render(checked, title: exercise.title))
        } catch {
            session.context.print(error.message)
        }
        session.context.print(session.style.dim(status))
        if report?.passed == true {
            ending = "passed"
            return true
        }
        return false
    }

    private mutating func hint() {
        let all = HintCommand.hints(exercise)
        guard hints < all.count else {
            session.context.print("No more hints.")
            return
        }
        hints += 1
        session.context.print("Hint \(hints) (costs 10 points):\n" + Style.wrapped(all[hints - 1], indent: 2))
    }

    /// Line mode: `check`, `hint`, `quit`, one per line (off a terminal, or with --manual).
    mutating func runWithLines() {
        session.context.print("Commands: check, hint, quit.")
        while let line = session.context.readLine() {
            if secondsLeft <= 0 {
                ending = "time-up"
                return
            }
            switch line.trimmingCharacters(in: .whitespaces).lowercased() {
            case "check", "c", "r": if check() { return }
            case "hint", "h": hint()
            case "quit", "q": return
            case "": continue
            default: session.context.print("Commands: check, hint, quit.")
            }
        }
    }

    /// Terminal mode: checks on save, keys `h` hint, `r` re-check, `q` end; the countdown in the status line.
    mutating func runWithKeys() {
        let file = self.file
        func modified() -> Date? { Workspace.modificationDate(of: file) }
        session.context.print(session.style.dim("keys: h hint (costs points) · r check · q end the interview"))
        var seen = modified()
        var lastShown = -1
        // The status line counts down in place, every second, until something else is printed.
        var statusIsLastLine = false
        while true {
            if secondsLeft <= 0 {
                ending = "time-up"
                if attempts == 0 || modified() != seen { _ = check() }
                return
            }
            let left = Int(secondsLeft)
            if left != lastShown {
                lastShown = left
                session.context.print((statusIsLastLine ? "\u{1B}[1A\u{1B}[2K" : "") + session.style.dim(status))
                statusIsLastLine = true
            }
            switch RawTerminal.key(waiting: 200) {
            case "q": return
            case "h":
                hint()
                statusIsLastLine = false
            case "r":
                if check() { return }
                statusIsLastLine = false
            default: break
            }
            let now = modified()
            if now != seen {
                seen = now
                if check() { return }
                statusIsLastLine = false
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
