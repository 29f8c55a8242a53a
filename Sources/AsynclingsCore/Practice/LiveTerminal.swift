#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Synchronization

/// The real terminal: non-canonical, no-echo input on standard input, output on standard
/// output. Whatever `enter` changed is undone by `leave`, and through `Interruption` on
/// Ctrl-C, TERM and HUP.
public final class LiveTerminal: TerminalDevice {
    private struct Saved {
        var original = termios()
        var active = false
        var fullScreen = false
        var restoresOnInterrupt = false
    }

    private let saved = Mutex(Saved())

    /// The terminal of this process.
    public init() {}

    public func enter(fullScreen: Bool) -> Bool {
        var original = termios()
        guard isatty(0) == 1, tcgetattr(0, &original) == 0 else { return false }
        var raw = original
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        withUnsafeMutableBytes(of: &raw.c_cc) { bytes in
            bytes[Int(VMIN)] = 0
            bytes[Int(VTIME)] = 0
        }
        tcsetattr(0, TCSANOW, &raw)
        let register = saved.withLock { state -> Bool in
            state.original = original
            state.active = true
            state.fullScreen = fullScreen
            defer { state.restoresOnInterrupt = true }
            return !state.restoresOnInterrupt
        }
        if register { Interruption.onInterrupt { [self] in leave() } }
        // The alternate screen, the cursor hidden.
        if fullScreen { write("\u{1B}[?1049h\u{1B}[?25l") }
        return true
    }

    public func leave() {
        let state = saved.withLock { state -> Saved in
            defer { state.active = false }
            return state
        }
        guard state.active else { return }
        if state.fullScreen { write("\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l") }
        var original = state.original
        tcsetattr(0, TCSANOW, &original)
    }

    public func key(waiting milliseconds: Int32) -> Character? {
        var descriptor = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, milliseconds) > 0 else { return nil }
        var byte: UInt8 = 0
        guard read(0, &byte, 1) == 1 else { return nil }
        return Character(UnicodeScalar(byte))
    }

    public func size() -> TerminalSize {
        var window = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &window) == 0, window.ws_col > 0, window.ws_row > 0 else {
            return TerminalSize(columns: 80, rows: 24)
        }
        return TerminalSize(columns: Int(window.ws_col), rows: Int(window.ws_row))
    }

    public func write(_ text: String) {
        fflush(nil)  // what `print` buffered goes first
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
