import Foundation
import XCTest
@testable import AsynclingsCore

/// A context for tests, in the manner of pointfree's dependencies: every dependency a test does
/// not give fails that test with a message naming it, so a test never reaches the real
/// terminal, clock, launcher or temporary folder by accident.
extension Context {
    /// Tells the running test that a dependency it did not give was used.
    typealias Missing = @Sendable (String) -> Void

    /// Fails the running test, naming the dependency.
    static let failTest: Missing = { name in
        XCTFail("Context.\(name) was used, but this test's context does not give one: pass it to Context.test(…).")
    }

    static func test(
        currentDirectory: URL,
        environment: [String: String] = [:],
        print: (@Sendable (String) -> Void)? = nil,
        printError: (@Sendable (String) -> Void)? = nil,
        isTerminal: Bool = false,
        launcher: (any ProcessLaunching)? = nil,
        now: (@Sendable () -> Date)? = nil,
        readLine: (@Sendable () -> String?)? = nil,
        terminal: (any TerminalDevice)? = nil,
        modificationDate: (@Sendable (URL) -> Date?)? = nil,
        temporaryFolder: (@Sendable () -> URL)? = nil,
        processorCount: Int = 1,
        missing: @escaping Missing = failTest
    ) -> Context {
        Context(
            environment: environment, currentDirectory: currentDirectory,
            print: print ?? { _ in missing("print") },
            printError: printError ?? { _ in missing("printError") },
            isTerminal: isTerminal,
            launcher: launcher ?? MissingLauncher(missing: missing),
            now: now ?? { missing("now"); return Date(timeIntervalSince1970: 0) },
            readLine: readLine ?? { missing("readLine"); return nil },
            terminal: terminal ?? MissingTerminal(missing: missing),
            modificationDate: modificationDate ?? { _ in missing("modificationDate"); return nil },
            temporaryFolder: temporaryFolder ?? { missing("temporaryFolder"); return URL(fileURLWithPath: "/nonexistent") },
            processorCount: processorCount)
    }

    /// A launcher that reports itself missing (and fails the launch) when anything is run.
    struct MissingLauncher: ProcessLaunching {
        let missing: Missing
        func run(_ request: ProcessRequest) throws(AsynclingsError) -> ProcessResult {
            missing("launcher")
            throw .toolFailure("no launcher in this test's context (asked to run \(request.executable)).", fix: "Give Context.test a launcher.")
        }
    }

    /// A terminal that reports itself missing when used.
    struct MissingTerminal: TerminalDevice {
        let missing: Missing
        func enter(fullScreen: Bool) -> Bool { missing("terminal"); return false }
        func leave() { missing("terminal") }
        func key(waiting milliseconds: Int32) -> Character? { missing("terminal"); return "q" }
        func size() -> TerminalSize { missing("terminal"); return TerminalSize(columns: 80, rows: 24) }
        func write(_ text: String) { missing("terminal") }
    }
}
