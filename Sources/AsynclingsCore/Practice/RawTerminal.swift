#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Single-key input without Enter: puts the terminal in non-canonical, no-echo mode and
/// restores it on exit, and through `Interruption` on Ctrl-C, TERM and HUP.
enum RawTerminal {
    nonisolated(unsafe) private static var original = termios()
    nonisolated(unsafe) private static var active = false
    nonisolated(unsafe) private static var restoresOnInterrupt = false
    nonisolated(unsafe) private static var pushedBack: Character?

    /// Switches standard input to single-key mode; false when it is not a terminal.
    static func enable() -> Bool {
        guard isatty(0) == 1, tcgetattr(0, &original) == 0 else { return false }
        var raw = original
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        withUnsafeMutableBytes(of: &raw.c_cc) { bytes in
            bytes[Int(VMIN)] = 0
            bytes[Int(VTIME)] = 0
        }
        tcsetattr(0, TCSANOW, &raw)
        active = true
        if !restoresOnInterrupt {
            Interruption.onInterrupt { RawTerminal.restore() }
            restoresOnInterrupt = true
        }
        return true
    }

    /// Puts the terminal back as it was.
    static func restore() {
        guard active else { return }
        tcsetattr(0, TCSANOW, &original)
        active = false
    }

    /// The next key for a menu: arrow keys (ESC [ A / ESC [ B) decoded, a lone ESC as `back`.
    static func menuKey(waiting milliseconds: Int32) -> ExercisePicker.Key? {
        guard let pressed = key(waiting: milliseconds) else { return nil }
        switch pressed {
        case "\n", "\r": return .enter
        case "\u{1B}":
            guard let next = key(waiting: 30) else { return .back }
            guard next == "[" else {
                // Esc followed at once by another key: go back, and keep that key for later.
                pushedBack = next
                return .back
            }
            switch key(waiting: 30) {
            case "A": return .up
            case "B": return .down
            default: return .character("\u{1B}")
            }
        default: return .character(pressed)
        }
    }

    /// The next key pressed within `milliseconds`, if any.
    static func key(waiting milliseconds: Int32) -> Character? {
        if let kept = pushedBack {
            pushedBack = nil
            return kept
        }
        var descriptor = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, milliseconds) > 0 else { return nil }
        var byte: UInt8 = 0
        guard read(0, &byte, 1) == 1 else { return nil }
        return Character(UnicodeScalar(byte))
    }
}
