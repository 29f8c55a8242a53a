/// The command-line program: parses arguments, dispatches through the command table, maps errors
/// to exit codes.
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
                if let topic, Command.named(topic) == nil {
                    let guess = NameSuggestions.closest(to: topic, among: Command.names)
                    throw AsynclingsError.usage("there is no command \"\(topic)\" to explain." + (guess.isEmpty ? "" : " Did you mean \(guess.joined(separator: " or "))?"), fix: "Run `asynclings --help` to see every command.")
                }
                context.print(Style.fitted(topic.map(HelpText.command) ?? HelpText.overview))
                return 0
            }
            guard let run = arguments.entry.run else { return 0 }
            return try run(Session(context: context, arguments: arguments))
        } catch {
            context.printError(error.message)
            return error.exitCode
        }
    }
}
