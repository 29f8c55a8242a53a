/// An option only some commands take (the options every command takes are in `Arguments`).
public enum CommandOption: String, Sendable, CaseIterable, CustomStringConvertible {
    /// `--json`: the result as JSON.
    case json = "--json"
    /// `--file PATH`: check this file instead of the workspace's.
    case file = "--file"
    /// `--force`: show the solution before a pass.
    case force = "--force"
    /// `--minutes N`: the interview's length.
    case minutes = "--minutes"
    /// `--manual`: typed commands instead of keys.
    case manual = "--manual"

    /// How the option is written in a usage line: `[--file PATH]`.
    public var usage: String {
        switch self {
        case .file: return "[--file PATH]"
        case .minutes: return "[--minutes N]"
        case .json, .force, .manual: return "[\(rawValue)]"
        }
    }

    /// The flag, as typed.
    public var description: String { rawValue }
}
