/// A key as the practice screen understands it, escape sequences already decoded.
enum TerminalKey: Equatable {
    case up, down, pageUp, pageDown, home, end, enter
    /// Esc on its own.
    case back
    case character(Character)

    /// Reads one key from `terminal`, decoding arrows, Page Up/Down, Home and End (both the
    /// `ESC [` and `ESC O` forms). A lone Esc is `back`; Esc followed at once by an ordinary
    /// key is `back`, and that key is kept in `pending` for the next call.
    static func read(from terminal: any TerminalDevice, waiting milliseconds: Int32, pending: inout Character?) -> TerminalKey? {
        let first: Character?
        if let kept = pending {
            pending = nil
            first = kept
        } else {
            first = terminal.key(waiting: milliseconds)
        }
        guard let first else { return nil }
        switch first {
        case "\n", "\r": return .enter
        case "\u{1B}":
            guard let second = terminal.key(waiting: 30) else { return .back }
            guard second == "[" || second == "O" else {
                pending = second
                return .back
            }
            switch terminal.key(waiting: 30) {
            case "A": return .up
            case "B": return .down
            case "H": return .home
            case "F": return .end
            case "5": _ = terminal.key(waiting: 30); return .pageUp
            case "6": _ = terminal.key(waiting: 30); return .pageDown
            case "1": _ = terminal.key(waiting: 30); return .home
            case "4": _ = terminal.key(waiting: 30); return .end
            default: return nil
            }
        default: return .character(first)
        }
    }
}
