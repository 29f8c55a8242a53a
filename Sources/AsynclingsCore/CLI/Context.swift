import Foundation

/// Every side effect the commands use, as values: tests swap them. Nothing in the engine reads
/// the process's environment, the clock, the temporary folder or the terminal but through here.
public struct Context: Sendable {
    /// Environment variables: read by the commands, and given to every child process.
    public var environment: [String: String]
    /// The folder relative paths start from.
    public var currentDirectory: URL
    /// Writes to standard output (a newline is added).
    public var print: @Sendable (String) -> Void
    /// Writes to standard error (a newline is added).
    public var printError: @Sendable (String) -> Void
    /// Whether standard output is a terminal.
    public var isTerminal: Bool
    /// Runs child processes.
    public var launcher: any ProcessLaunching
    /// The current time.
    public var now: @Sendable () -> Date
    /// Reads a line of standard input; nil at its end.
    public var readLine: @Sendable () -> String?
    /// The terminal for single keys and the full-screen practice view.
    public var terminal: any TerminalDevice
    /// When a file was last saved, or nil if it is missing (the practice screen and the
    /// interview poll it to re-check on every save).
    public var modificationDate: @Sendable (URL) -> Date?
    /// The folder a check's private run folder is made in (the system's, or TMPDIR).
    public var temporaryFolder: @Sendable () -> URL
    /// How many checks `verify` runs at a time unless ASYNCLINGS_JOBS says otherwise.
    public var processorCount: Int

    /// Creates a context.
    public init(
        environment: [String: String], currentDirectory: URL,
        print: @escaping @Sendable (String) -> Void, printError: @escaping @Sendable (String) -> Void,
        isTerminal: Bool, launcher: any ProcessLaunching, now: @escaping @Sendable () -> Date,
        readLine: @escaping @Sendable () -> String?,
        terminal: any TerminalDevice,
        modificationDate: @escaping @Sendable (URL) -> Date?,
        temporaryFolder: @escaping @Sendable () -> URL,
        processorCount: Int
    ) {
        self.environment = environment
        self.currentDirectory = currentDirectory
        self.print = print
        self.printError = printError
        self.isTerminal = isTerminal
        self.launcher = launcher
        self.now = now
        self.readLine = readLine
        self.terminal = terminal
        self.modificationDate = modificationDate
        self.temporaryFolder = temporaryFolder
        self.processorCount = processorCount
    }
}
