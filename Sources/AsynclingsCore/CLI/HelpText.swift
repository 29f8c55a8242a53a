/// The text of `--help` and `help COMMAND`, made from the command table.
enum HelpText {
    static let version = "asynclings 0.1.0"

    /// The options every command takes.
    static let commonOptions = """
    Options (every command):
      --workspace DIR   where your files live (default ./practice,
                        or ASYNCLINGS_WORKSPACE)
      --catalog DIR     the exercises folder (default: the one this tool was
                        built from, or ASYNCLINGS_CATALOG)
      --no-color        plain output (NO_COLOR is honoured too)
      -h, --help        this text
      --version         the version
    """

    static var overview: String {
        var lines = [
            "asynclings — practise Swift concurrency the way interviewers ask it.", "",
            "Usage: asynclings [COMMAND] [NAME] [OPTIONS]", "", "Commands:",
        ]
        for command in Command.table {
            let usage = command.name == "practice" ? "(none) [--manual]" : command.usage
            if usage.count <= 18 {
                lines.append("  " + usage.padding(toLength: 20, withPad: " ", startingAt: 0) + command.summary)
            } else {
                lines.append("  " + usage)
                lines.append(String(repeating: " ", count: 22) + command.summary)
            }
        }
        lines += ["", commonOptions, "", """
        Exercises are named by slug (fetch-all) or number (1); without a name, run,
        show, hint, solution and reset act on the current exercise (the one practice
        last opened).
        Exit codes: 0 pass, 1 not passing yet, 2 usage error, 3 the tool could not do
        its job.
        """]
        return lines.joined(separator: "\n")
    }

    /// `help NAME`: the usage line, what the command does, and the options it takes.
    static func command(_ name: String) -> String {
        guard let command = Command.named(name) else { return overview }
        let usage = "asynclings " + command.usage
        // One paragraph each, wrapped to the terminal by `Style.fitted`.
        let details = command.details.split(separator: "\n").joined(separator: " ")
        return usage + "\n\n" + details + "\n\n" + takes(command)
    }

    /// Which options `command` takes, in a sentence.
    static func takes(_ command: Command) -> String {
        let own = command.options.isEmpty ? "no options of its own"
            : (command.options.count == 1 ? "the option " : "the options ") + command.options.map(\.rawValue).joined(separator: ", ")
        return "\(command.name) takes \(own), and those every command takes: --workspace, --catalog, --no-color, --help."
    }
}
