/// What a learner asks of a practice session, whichever way they ask it: a key on the
/// practice screen, a typed word with `--manual` or off a terminal.
enum PracticeAction: Equatable {
    /// Check the file now (also what a save does).
    case check
    /// The next hint.
    case hint
    /// The last check's checklist.
    case checklist
    /// The last check's review notes.
    case review
    /// The last check's failing tests, compiler messages and latency.
    case failing
    /// The last check's timeline: who ran when, beside the best run.
    case timeline
    /// The exercise's quote, signature and rules.
    case rules
    /// Every exercise, with `highlight` moving the list's cursor.
    case list
    /// Moves the list's cursor to an exercise (by name).
    case highlight(String)
    /// Leaves the list for the pane before it.
    case back
    /// Opens an exercise by name or number.
    case open(String)
    /// The next exercise, after a pass.
    case next
    /// The reference solution, after a pass.
    case solution
    /// Ends practice.
    case quit

    /// The action a single key stands for on the practice screen.
    init?(key: Character) {
        switch key {
        case "r": self = .check
        case "h": self = .hint
        case "c": self = .checklist
        case "v": self = .review
        case "f": self = .failing
        case "t": self = .timeline
        case "i": self = .rules
        case "l": self = .list
        case "n": self = .next
        case "s": self = .solution
        case "q": self = .quit
        default: return nil
        }
    }

    /// The action a typed line stands for; nil for a word it does not know.
    init?(typed line: String) {
        let words = line.split(separator: " ").map(String.init)
        guard let command = words.first?.lowercased() else { return nil }
        switch command {
        case "check", "c", "r", "run": self = .check
        case "hint", "h": self = .hint
        case "checklist": self = .checklist
        case "review", "v": self = .review
        case "tests", "failing", "f": self = .failing
        case "timeline", "t": self = .timeline
        case "rules", "i": self = .rules
        case "list", "l": self = .list
        case "open", "o": self = .open(words.count == 2 ? words[1] : "")
        case "next", "n": self = .next
        case "solution", "s": self = .solution
        case "quit", "q", "exit": self = .quit
        default: return nil
        }
    }

    /// The words `init(typed:)` knows, for its help line.
    static let typedWords = ["check", "hint", "checklist", "review", "tests", "timeline", "rules", "list", "open", "next", "solution", "quit"]
}
