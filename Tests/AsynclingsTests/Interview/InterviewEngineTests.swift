import Foundation
import Synchronization
import XCTest
@testable import AsynclingsCore

/// The mock interview driven through the Context: typed lines or a scripted terminal, a clock
/// the test sets, and a stand-in checker, so no compiler runs and each test takes milliseconds.
/// Nothing else is given: a launcher or temporary folder reached by mistake fails the test.
final class InterviewEngineTests: XCTestCase {
    private static let start = Date(timeIntervalSince1970: 1_800_000_000)

    /// A report for the fixture exercise: every test passes, or one fails.
    static func report(passing: Bool) -> Report {
        let tests: [Report.TestResult] = [
            .init(name: "test_correctness_counts", category: "correctness", status: .pass, message: ""),
            .init(name: "test_concurrency_together", category: "concurrency", status: passing ? .pass : .fail,
                  message: passing ? "" : "1 of 2 calls were in flight at once; expected 2."),
        ]
        return Report(
            exercise: "guard-probe", file: "practice/interview/guard-probe.swift", verdict: passing ? .pass : .fail,
            interviewReady: passing, categories: SuiteRunner.score(tests), tests: tests,
            checklist: [.init(id: .intent, status: .met, note: "intent stated.")], review: [], latency: nil,
            diagnostics: [], timing: .init(compileSeconds: 0, runSeconds: 0))
    }

    /// What one interview did: its exit code, the scorecard kept, what was printed and drawn.
    struct Outcome {
        let status: Int32
        let card: Scorecard
        let out: String
        let terminal: ScriptedTerminal?
        let checks: [String]
    }

    /// Runs an interview on the fixture exercise. With `keys`, on a scripted terminal; else by
    /// `lines` after the intent. Checks answer a failing report, then passing ones from `passFrom` on.
    private func interview(
        keys: [ScriptedTerminal.Step]? = nil, lines: [String] = [], saveOnFirstWrite: Bool = false,
        passFrom: Int = 2, minutes: Int = 20, clock: @escaping @Sendable (Int) -> Date = { _ in InterviewEngineTests.start }
    ) throws -> Outcome {
        let folder = TestSupport.temporaryFolder()
        let output = TestSupport.Output()
        let script = Mutex(["I keep the count in an actor, so calls never race on it."] + lines)
        let calls = Mutex(0)
        let terminal = keys.map { ScriptedTerminal($0, columns: 80, rows: 24, saveOnFirstWrite: saveOnFirstWrite) }
        var context = Context.test(
            currentDirectory: folder,
            environment: ["ASYNCLINGS_CATALOG": TestSupport.root.appendingPathComponent("Tests/Fixtures/catalog").path, "NO_COLOR": "1"],
            print: { output.append(out: $0) }, printError: { output.append(err: $0) },
            now: { clock(calls.withLock { $0 += 1; return $0 }) },
            readLine: { script.withLock { $0.isEmpty ? nil : $0.removeFirst() } })
        if let terminal {
            context.isTerminal = true
            context.terminal = terminal
            context.modificationDate = { terminal.modificationDate($0) }
        } else {
            context.modificationDate = { _ in Self.start }
        }
        let session = try Session(context: context, arguments: Arguments(["interview", "guard-probe", "--minutes", "\(minutes)"]))
        let checks = Mutex<[String]>([])
        let status = try InterviewCommand.run(session) { exercise, file, intent throws(AsynclingsError) -> Report in
            let count = checks.withLock { $0.append(intent); return $0.count }
            XCTAssertEqual(file.lastPathComponent, "\(exercise.name).swift")
            return Self.report(passing: count >= passFrom)
        }
        let card = try XCTUnwrap(session.store.load().interviews.last, "the scorecard is kept")
        return Outcome(status: status, card: card, out: output.out, terminal: terminal, checks: checks.withLock { $0 })
    }

    func testSavesAreCheckedWithTheTypedIntentAndAPassEndsIt() throws {
        let run = try interview(keys: [.save, .key("h"), .save])
        XCTAssertEqual(run.status, 0)
        XCTAssertEqual(run.card.ending, .passed)
        XCTAssertEqual([run.card.attempts, run.card.hints, run.card.points], [2, 1, 90], "100 less 10 for the hint")
        XCTAssertEqual(run.checks, Array(repeating: "I keep the count in an actor, so calls never race on it.", count: 2))
        XCTAssertTrue(run.out.contains("Hint 1 (costs 10 points)"), run.out)
        XCTAssertTrue(run.out.contains("What the interviewer wanted to hear"), "the narration comes after a pass: \(run.out)")
        let countdown = try XCTUnwrap(run.terminal).frames.joined().joined()
        XCTAssertTrue(countdown.contains("20:00 left · attempts 0 · hints 0"), countdown)
        XCTAssertTrue(countdown.contains("attempts 1 · hints 1"), countdown)
    }

    func testQuittingAsksFirstAndASaveBeforeTheFirstDrawIsChecked() throws {
        let run = try interview(keys: [.key("x"), .key("q"), .key("n"), .key("q"), .key("y")], saveOnFirstWrite: true)
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.card.ending, .stopped)
        XCTAssertEqual(run.card.attempts, 1, "the save made while the countdown was first drawn is checked")
        let asked = try XCTUnwrap(run.terminal).frames.joined().filter { $0.contains("End the interview now?") }
        XCTAssertEqual(asked.count, 2, "each q asks; n goes on")
        XCTAssertTrue(run.out.contains("Keep practising it with `asynclings guard-probe`"), run.out)
    }

    func testWhenTimeIsUpTheFileIsCheckedOnceIfItNeverWas() throws {
        // The first reading of the clock starts the interview; every later one is an hour on.
        let run = try interview(keys: [], minutes: 1, clock: { call in InterviewEngineTests.start + (call == 1 ? 0 : 3_600) })
        XCTAssertEqual(run.card.ending, .timeUp)
        XCTAssertEqual(run.card.attempts, 1)
        XCTAssertEqual(run.card.secondsUsed, 60, "time used never exceeds the time allowed")
        XCTAssertEqual(run.status, 1)
    }

    func testTypedCommandsDriveTheSameInterview() throws {
        let run = try interview(lines: ["hint", "check", "bogus", "quit", "no", "check"])
        XCTAssertEqual(run.status, 0)
        XCTAssertEqual(run.card.ending, .passed)
        XCTAssertEqual([run.card.attempts, run.card.hints], [2, 1])
        XCTAssertTrue(run.out.contains("Unknown command \"bogus\""), run.out)
        XCTAssertTrue(run.out.contains("Going on."), run.out)
    }

    func testATestContextReportsEveryDependencyItWasNotGiven() {
        let reported = Mutex<[String]>([])
        let context = Context.test(currentDirectory: TestSupport.temporaryFolder(), missing: { name in reported.withLock { $0.append(name) } })
        XCTAssertThrowsError(try context.launcher.run(
            ProcessRequest(executable: "/bin/true", arguments: [], environment: [:], outputFile: "/dev/null", timeLimit: 1)))
        _ = context.now()
        _ = context.readLine()
        _ = context.terminal.key(waiting: 0)
        _ = context.modificationDate(URL(fileURLWithPath: "/"))
        _ = context.temporaryFolder()
        context.print("")
        XCTAssertEqual(reported.withLock { $0 }, ["launcher", "now", "readLine", "terminal", "modificationDate", "temporaryFolder", "print"])
    }
}
