import Foundation
import Synchronization

/// The full-screen practice view: the engine driven by single keys and by saves (the file's
/// modification time is polled), drawn on the alternate screen at the terminal's size.
struct PracticeLoop {
    private(set) var engine: PracticeEngine
    private var scroll = 0
    private var maxScroll = 0
    private var size = TerminalSize(columns: 80, rows: 24)
    private var picker: ExercisePicker?
    private var pending: Character?
    private var checking: String?
    /// Keys pressed during a check, other than scrolling: handled once it is done.
    private var queued: [TerminalKey] = []

    init(session: Session, exercise: Exercise, checker: PracticeEngine.Checker? = nil) {
        engine = PracticeEngine(session: session, exercise: exercise, wording: .keys, checker: checker)
    }

    private var context: Context { engine.session.context }
    private var terminal: any TerminalDevice { context.terminal }

    /// Runs until `q`; false when standard input is not a terminal (nothing was shown).
    mutating func run() -> Bool {
        guard terminal.enter(fullScreen: true) else { return false }
        defer { terminal.leave() }
        engine.start()
        // The baseline is taken before anything is drawn: a save from here on is checked.
        var seen = context.modificationDate(engine.file)
        size = terminal.size()
        draw()
        while true {
            let now = terminal.size()
            if now != size {
                size = now
                draw()
            }
            let modified = context.modificationDate(engine.file)
            if modified != seen {
                seen = modified
                check()
            }
            let key = queued.isEmpty ? TerminalKey.read(from: terminal, waiting: 100, pending: &pending) : queued.removeFirst()
            if let key {
                let before = engine.exercise.name
                if handle(key) == .quit { return true }
                if engine.exercise.name != before { seen = context.modificationDate(engine.file) }
                draw()
            }
        }
    }

    private mutating func draw() {
        let frame = PracticeScreen(engine: engine, size: size, checking: checking).frame(scroll: scroll)
        maxScroll = frame.maxScroll
        scroll = min(scroll, maxScroll)
        terminal.write(frame.text)
    }

    private var page: Int { max(1, size.rows - 10) }

    /// Does what `key` asks; `.quit` ends the loop.
    private mutating func handle(_ key: TerminalKey) -> PracticeEngine.Effect {
        if var menu = picker {
            switch menu.handle(key) {
            case .stay:
                picker = menu
                let name = engine.session.catalog.exercises[menu.cursor].name
                _ = engine.perform(.highlight(name))
                scroll = max(0, menu.cursor + 1 - page)
            case .cancel:
                picker = nil
                scroll = 0
                return engine.perform(.back)
            case .open(let number):
                picker = nil
                scroll = 0
                return engine.perform(.open(String(number)))
            }
            return .draw
        }
        switch key {
        case .up, .character("k"): scroll = max(0, scroll - 1)
        case .down, .character("j"): scroll = min(maxScroll, scroll + 1)
        case .pageUp, .character("b"): scroll = max(0, scroll - page)
        case .pageDown, .character(" "): scroll = min(maxScroll, scroll + page)
        case .home, .character("g"): scroll = 0
        case .end, .character("G"): scroll = maxScroll
        case .character(let character):
            guard let action = PracticeAction(key: character) else { return .draw }
            if action == .check {
                check()
                return .draw
            }
            let before = engine.pane
            let effect = engine.perform(action)
            if action == .list {
                picker = ExercisePicker(numbers: engine.session.catalog.exercises.map(\.number), current: engine.exercise.number)
            }
            if engine.pane != before || action == .hint { scroll = 0 }
            return effect
        default: break
        }
        return .draw
    }

    /// Checks on another thread while the screen keeps counting the seconds, follows resizes
    /// and scrolls; then shows the report.
    private mutating func check() {
        if engine.missingFile != nil {
            _ = engine.perform(.check)
            draw()
            return
        }
        let checker = engine.checker, exercise = engine.exercise, file = engine.file
        let note = engine.session.harnessIsBuilt() ? "" : " · " + Session.harnessNote
        let outcome = Mutex<Result<Report, AsynclingsError>?>(nil)
        let started = context.now()
        Thread {
            let result = Result { () throws(AsynclingsError) -> Report in try checker(exercise, file) }
            outcome.withLock { $0 = result }
        }.start()
        var shown = ""
        while true {
            if let result = outcome.withLock({ $0 }) {
                checking = nil
                scroll = 0
                engine.finishCheck(result)
                draw()
                return
            }
            let status = "checking… \(max(0, Int(context.now().timeIntervalSince(started)))) s" + note
            let now = terminal.size()
            if status != shown || now != size {
                shown = status
                size = now
                checking = status
                draw()
            }
            if let key = TerminalKey.read(from: terminal, waiting: 100, pending: &pending) {
                switch key {
                case .up, .down, .pageUp, .pageDown, .home, .end, .character("j"), .character("k"):
                    _ = handle(key)
                    draw()
                default: queued.append(key)  // done once the report is in
                }
            }
        }
    }
}
