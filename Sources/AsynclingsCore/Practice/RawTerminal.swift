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

    /// The next key pressed within `milliseconds`, if any.
    static func key(waiting milliseconds: Int32) -> Character? {
        var descriptor = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, milliseconds) > 0 else { return nil }
        var byte: UInt8 = 0
        guard read(0, &byte, 1) == 1 else { return nil }
        return Character(UnicodeScalar(byte))
    }
}
