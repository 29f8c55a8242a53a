/// The parsed command line: a command, its positional arguments, and options, checked against
/// the command table (`Command.table`): a command given an option or a name it does not take is
/// a usage error.
public struct Arguments: Equatable, Sendable {
    /// The command ("run", "list", …); nil for bare `asynclings`.
    public var command: String?
    /// Positional arguments after the command.
    public var positional: [String] = []
    /// `--json`.
    public var json = false
    /// `--file PATH`.
    public var file: String?
    /// `--force`.
    public var force = false
    /// `--minutes N`.
    public var minutes: Int?
    /// `--manual`.
    public var manual = false
    /// `--workspace DIR`.
    public var workspace: String?
    /// `--catalog DIR`.
    public var catalog: String?
    /// `--no-color`.
    public var noColor = false
    /// `--help` / `-h`.
    public var help = false
    /// `--version`.
    public var version = false

    /// The commands asynclings knows, in table order.
    public static var commands: [String] { Command.names }

    /// The table entry of the command given (practice for bare `asynclings`).
    public var entry: Command { Command.named(command ?? "practice")! }

    /// Parses `words` (without the program name).
    public init(_ words: [String]) throws(AsynclingsError) {
        var index = 0
        var given: [CommandOption] = []
        func value(for option: String) throws(AsynclingsError) -> String {
            index += 1
            guard index < words.count, !words[index].hasPrefix("--") else {
                throw .usage("\(option) needs a value.", fix: "For example: asynclings \(option == "--file" ? "run fetch-all --file answer.swift" : option == "--minutes" ? "interview --minutes 20" : "list \(option) DIR").")
            }
            return words[index]
        }
        while index < words.count {
            let word = words[index]
            if let option = CommandOption(rawValue: word) { given.append(option) }
            switch word {
            case "--json": json = true
            case "--force": force = true
            case "--manual": manual = true
            case "--no-color": noColor = true
            case "--help", "-h": help = true
            case "--version": version = true
            case "--file": file = try value(for: word)
            case "--workspace": workspace = try value(for: word)
            case "--catalog": catalog = try value(for: word)
            case "--minutes":
                let text = try value(for: word)
                guard let number = Int(text), number > 0, number <= 600 else {
                    throw .usage("--minutes needs a whole number of minutes from 1 to 600, not \"\(text)\".", fix: "For example: asynclings interview --minutes 20")
                }
                minutes = number
            default:
                if word.hasPrefix("-") {
                    throw .usage("unknown option \(word).", fix: "Run `asynclings --help` to see the options.")
                }
                if command == nil {
                    guard Self.commands.contains(word) else {
                        let guess = NameSuggestions.closest(to: word, among: Self.commands)
                        throw .usage("unknown command \"\(word)\"." + (guess.isEmpty ? "" : " Did you mean \(guess.joined(separator: " or "))?"), fix: "Run `asynclings --help` to see the commands.")
                    }
                    command = word
                } else {
                    positional.append(word)
                }
            }
            index += 1
        }
        // `--help` and `--version` answer before anything runs, whatever else was given.
        guard !help && !version else { return }
        let entry = self.entry
        let name = command ?? "asynclings"
        if let refused = given.first(where: { !entry.options.contains($0) }) {
            throw .usage("\(name) does not take \(refused); \(HelpText.takes(entry))", fix: "Run `asynclings help \(entry.name)` to see how to use it.")
        }
        guard positional.count <= entry.names else {
            let takes = entry.names == 0 ? "takes no names" : "takes one name"
            throw .usage("\(name) \(takes), but was given \(positional.joined(separator: " ")).", fix: "Run `asynclings help \(entry.name)` to see how to use it.")
        }
    }
}
