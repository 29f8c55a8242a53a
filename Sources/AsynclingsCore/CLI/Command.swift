/// One command of the command line: its name, what it takes, its help, and what runs it.
/// The table of every command (`Command.table`) drives parsing, help and dispatch.
public struct Command: Sendable {
    /// The word that names it ("run"); "practice" for bare `asynclings`.
    public let name: String
    /// How many names it takes after the command (0 or 1).
    public let names: Int
    /// How its name argument is shown in usage lines ("NAME" or "COMMAND").
    public let nameLabel: String
    /// The options it takes beyond those every command takes, in usage order.
    public let options: [CommandOption]
    /// One line for the overview.
    public let summary: String
    /// What `help NAME` says below the usage line.
    public let details: String
    /// Runs it; nil for `help`, which is answered before a session is opened.
    let run: (@Sendable (Session) throws(AsynclingsError) -> Int32)?

    /// The usage line without the program's name: `run [NAME] [--file PATH] [--json]`.
    public var usage: String {
        var words = [name]
        if names > 0 { words.append(nameLabel == "NAME" ? "[NAME]" : nameLabel) }
        return (words + options.map(\.usage)).joined(separator: " ")
    }

    /// The command called `name`, if there is one.
    public static func named(_ name: String) -> Command? {
        table.first { $0.name == name }
    }

    /// Every command's name, in table order.
    public static var names: [String] { table.map(\.name) }
}
