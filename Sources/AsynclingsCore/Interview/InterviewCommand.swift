import Foundation

/// `asynclings interview [NAME] [--minutes N]`: the prompt only, the intent first, a countdown,
/// checks on save, hints that cost points, and a scorecard at the end.
enum InterviewCommand {
    /// Runs the interview; `checker` stands in for the session's check in tests.
    static func run(_ session: Session, checker: Interview.Check? = nil) throws(AsynclingsError) -> Int32 {
        let state = session.store.load()
        let exercise = try session.named(session.arguments.positional.first) ?? session.firstUnfinished(state)
        let minutes = session.arguments.minutes ?? 30
        let style = session.style
        let print = session.context.print
        print(style.strong("Mock interview: \(exercise.title)  (\(minutes) minute\(minutes == 1 ? "" : "s"))") + "\n")
        print(Style.wrapped(exercise.interviewerQuote, indent: 2) + "\n")
        print("Before you write code, state your plan in a sentence or two (then Enter):")
        var intent = ""
        while intent.isEmpty {
            guard let line = session.context.readLine() else {
                throw .usage("the interview needs your intent first, typed on standard input.", fix: "Run `asynclings interview` in a terminal, or pipe your intent and commands (check, hint, quit) into it.")
            }
            intent = line.trimmingCharacters(in: .whitespaces)
        }
        let file = try interviewFile(session, exercise: exercise)
        if let checker = try? session.checker() { session.workspace.updateEditorSupport(checker) }
        let baseline = session.context.modificationDate(file)
        print("\nYour file is \(style.strong(session.display(file))). Save to check it.")
        var interview = Interview(session: session, exercise: exercise, file: file, intent: intent, minutes: minutes, start: session.context.now(), baseline: baseline, checker: checker)
        let terminal = session.context.terminal
        if session.context.isTerminal && !session.arguments.manual, terminal.enter(fullScreen: false) {
            defer { terminal.leave() }
            interview.runWithKeys()
        } else {
            interview.runWithLines()
        }
        let card = interview.scorecard()
        session.save { state in
            state.interviews.append(card)
            state.exercises[exercise.name, default: .init()].secondsSpent += card.secondsUsed
        }
        print("\n" + render(card, exercise: exercise, style: style))
        return card.report?.passed == true ? 0 : 1
    }

    /// A fresh copy of the starter for this interview; an earlier interview's file is backed up first.
    static func interviewFile(_ session: Session, exercise: Exercise) throws(AsynclingsError) -> URL {
        let folder = session.workspace.folder.appendingPathComponent("interview")
        let file = folder.appendingPathComponent("\(exercise.name).swift")
        let fileManager = FileManager.default
        do {
            try fileManager.createDirectory(at: folder, withIntermediateDirectories: true)
            if fileManager.fileExists(atPath: file.path) {
                try fileManager.createDirectory(at: session.workspace.backupFolder, withIntermediateDirectories: true)
                let stamp = Workspace.stamp(session.context.now())
                try fileManager.moveItem(at: file, to: Workspace.unused(session.workspace.backupFolder.appendingPathComponent("interview-\(exercise.name)-\(stamp).swift")))
            }
            try fileManager.copyItem(at: exercise.starterFile, to: file)
        } catch {
            throw .toolFailure("cannot prepare \(file.path).", fix: "Make the workspace writable, or choose another with --workspace DIR.")
        }
        return file
    }

    static func render(_ card: Scorecard, exercise: Exercise, style: Style) -> String {
        var lines = [style.strong("Scorecard: \(exercise.name)") + "  \(card.points)/100", ""]
        let used = Int(card.secondsUsed)
        lines.append("  time used   \(used / 60) min \(used % 60) s of \(card.minutes) min (\(card.ending))")
        lines.append("  attempts    \(card.attempts)")
        lines.append("  hints       \(card.hints) (10 points each)")
        if let report = card.report {
            let scores = Report.categoryOrder.compactMap { name in report.categories[name].map { "\(name) \($0.passed)/\($0.total)" } }
            lines.append(Style.wrapped("categories  " + scores.joined(separator: " · "), indent: 2))
            lines.append("")
            lines.append(style.strong("Points"))
            lines += deductions(card, report: report).map { "  " + $0 }
            lines.append("")
            lines.append(Style.wrapped("Your intent: \"\(card.intent)\"", indent: 2))
            lines += ReportRenderer(style: style).checklistLines(report.checklist)
        } else {
            lines.append("  no check ran: save your file at least once next time.")
        }
        if card.report?.passed == true {
            let narration = (try? String(contentsOf: exercise.narrationFile, encoding: .utf8)) ?? ""
            lines += ["", style.strong("What the interviewer wanted to hear"), Style.wrapped(narration.trimmingCharacters(in: .whitespacesAndNewlines), indent: 2)]
        } else {
            lines += ["", Style.wrapped("Keep practising it with `asynclings \(exercise.name)`; the reference and what the interviewer wanted to hear open with `asynclings solution \(exercise.name)` once it passes.", indent: 0)]
        }
        return lines.joined(separator: "\n")
    }

    /// How the points were reached, one line per step (the same arithmetic as `Scorecard.points`).
    static func deductions(_ card: Scorecard, report: Report) -> [String] {
        let passing = report.tests.filter { $0.status == .pass }.count
        let base = Int((report.score * 100).rounded())
        var lines = ["\(passing) of \(report.tests.count) tests pass".padding(toLength: 36, withPad: " ", startingAt: 0) + "\(base)"]
        if card.hints > 0 {
            lines.append("\(card.hints) hint\(card.hints == 1 ? "" : "s") taken".padding(toLength: 36, withPad: " ", startingAt: 0) + "−\(10 * card.hints)")
        }
        if report.passed && !report.interviewReady {
            lines.append("passes, but not interview-ready".padding(toLength: 36, withPad: " ", startingAt: 0) + "−10")
        }
        if base - 10 * card.hints - (report.passed && !report.interviewReady ? 10 : 0) < 0 {
            lines.append("(the points never go below 0)")
        }
        lines.append("total".padding(toLength: 36, withPad: " ", startingAt: 0) + "\(card.points)")
        return lines
    }
}
