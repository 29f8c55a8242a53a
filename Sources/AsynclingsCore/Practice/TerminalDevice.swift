/// The terminal as the practice screen and the interview use it. The live one talks to the
/// real terminal; tests give a scripted one through the `Context`.
public protocol TerminalDevice: Sendable {
    /// Switches to single-key input (and, when `fullScreen`, to the alternate screen with the
    /// cursor hidden); false when standard input is not a terminal. Undone by `leave()`.
    func enter(fullScreen: Bool) -> Bool
    /// Puts the terminal back as it was before `enter`.
    func leave()
    /// The next byte typed within `milliseconds`, as a character; nil if none.
    func key(waiting milliseconds: Int32) -> Character?
    /// The terminal's size in columns and rows.
    func size() -> TerminalSize
    /// Writes `text` as is (no newline added).
    func write(_ text: String)
}

/// A terminal's size.
public struct TerminalSize: Equatable, Sendable {
    /// Columns.
    public var columns: Int
    /// Rows.
    public var rows: Int

    /// Creates a size.
    public init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
    }
}
