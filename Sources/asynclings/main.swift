#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AsynclingsCore
import Foundation

// The thin entry point: build the live context and hand over to the library.
let context = Context(
    environment: ProcessInfo.processInfo.environment,
    currentDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
    print: { text in Swift.print(text) },
    printError: { text in FileHandle.standardError.write(Data((text + "\n").utf8)) },
    isTerminal: isatty(1) == 1,
    launcher: ProcessRunner(),
    now: { Date() },
    readLine: { Swift.readLine() },
    terminal: LiveTerminal(),
    modificationDate: Workspace.modificationDate(of:),
    temporaryFolder: { FileManager.default.temporaryDirectory },
    processorCount: ProcessInfo.processInfo.activeProcessorCount)
Interruption.install()
Subreaper.become()
exit(App.main(Array(CommandLine.arguments.dropFirst()), context: context))
