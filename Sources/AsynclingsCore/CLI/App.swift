/// The command-line program: parses arguments, dispatches to a command, maps errors to exit codes.
public enum App {
    /// Runs asynclings with `words` (without the program name) and returns the exit code.
    public static func main(_ words: [String], context: Context) -> Int32 {
        do throws(AsynclingsError) {
            let arguments = try Arguments(words)
            if arguments.version {
                context.print(HelpText.version)
                return 0
            }
            if arguments.help || arguments.command == "help" {
                let topic = arguments.command == "help" ? arguments.positional.first : arguments.command
                if let topic, !Arguments.commands.contains(topic) {
                    let guess = NameSuggestions.closest(to: topic, among: Arguments.commands)
                    throw AsynclingsError.usage("there is no command \"\(topic)\" to explain." + (guess.isEmpty ? "" : " Did you mean \(guess.joined(separator: " or "))?"), fix: "Run `asynclings --help` to see every command.")
                }
                context.print(Style.fitted(topic.map(HelpText.command) ?? HelpText.overview))
                return 0
            }
            let session = try Session(context: context, arguments: arguments)
            switch arguments.command {
            case "run": return try RunCommand.run(session)
            case "list": return try ListCommand.run(session)
            case "verify": return try VerifyCommand.run(session)
            case "hint": return try HintCommand.run(session)
            case "solution": return try SolutionCommand.run(session)
            case "reset": return try ResetCommand.run(session)
            case "review": return try ReviewCommand.run(session)
            case "show": return try ShowCommand.run(session)
            case "interview": return try InterviewCommand.run(session)
            default: return try PracticeCommand.run(session)
            }
        } catch {
            context.printError(error.message)
            return error.exitCode
        }
    }
}
