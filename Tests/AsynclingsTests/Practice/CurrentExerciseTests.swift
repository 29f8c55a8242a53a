import Foundation
import Synchronization
import XCTest
@testable import AsynclingsCore

/// Without a name, show, hint, solution and reset act on the current exercise (the one
/// practice last opened); a new practice file starts with the exercise's rules.
final class CurrentExerciseTests: XCTestCase {
    private func run(_ words: [String], in folder: URL, lines: [String] = []) -> (Int32, TestSupport.Output) {
        let script = Mutex(lines)
        var (context, output) = TestSupport.context(cwd: folder)
        context.readLine = { script.withLock { $0.isEmpty ? nil : $0.removeFirst() } }
        return (App.main(words, context: context), output)
    }

    func testCommandsWithoutANameActOnTheCurrentExercise() throws {
        let folder = TestSupport.temporaryFolder()
        XCTAssertEqual(run([], in: folder, lines: ["open 3", "quit"]).0, 0)

        let (shown, show) = run(["show"], in: folder)
        XCTAssertEqual(shown, 0)
        XCTAssertTrue(show.out.contains("Exercise 3: unawaited-work"), show.out)

        let (hinted, hint) = run(["hint"], in: folder)
        XCTAssertEqual(hinted, 0)
        XCTAssertTrue(hint.out.contains("Hint 1 of") && hint.out.contains("for unawaited-work"), hint.out)

        let (refused, solution) = run(["solution"], in: folder)
        XCTAssertEqual(refused, 2, "the current exercise has not passed")
        XCTAssertTrue(solution.err.contains("unawaited-work"), solution.err)

        let (reset, resetOutput) = run(["reset"], in: folder)
        XCTAssertEqual(reset, 0)
        XCTAssertTrue(resetOutput.out.contains("practice/unawaited-work.swift"), resetOutput.out)
        let backups = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("practice/.asynclings/backup").path)
        XCTAssertEqual(backups.count, 1)
        XCTAssertNotNil(backups[0].range(of: #"^unawaited-work-\d{8}-\d{6}\.swift$"#, options: .regularExpression), "a date-and-time stamp: \(backups)")
    }

    func testANewPracticeFileStartsWithTheRulesAndAnExistingOneIsKept() throws {
        let folder = TestSupport.temporaryFolder()
        let exercise = try TestSupport.exercise("fetch-with-timeout")
        let workspace = Workspace(folder: folder.appendingPathComponent("practice"))
        let file = try workspace.open(exercise)
        let text = try String(contentsOf: file, encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("// Fetch with a deadline") || text.hasPrefix("// "), text)
        XCTAssertTrue(text.contains("// Write:\n//     func"), text)
        XCTAssertTrue(text.contains("clock"), "the rule on the clock is in the header: \(text)")
        XCTAssertTrue(text.hasSuffix(try String(contentsOf: exercise.starterFile, encoding: .utf8)), "then the starter, unchanged")
        XCTAssertTrue(Workspace.isUntouchedStarter(file, exercise: exercise))

        try "// mine\n".write(to: file, atomically: true, encoding: .utf8)
        try workspace.open(exercise)
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), "// mine\n", "an existing file is never rewritten")
        XCTAssertFalse(Workspace.isUntouchedStarter(file, exercise: exercise))
    }

    func testTheBriefSplitsQuoteSignatureAndRules() throws {
        for exercise in try TestSupport.catalog.exercises {
            let brief = ExerciseBrief(exercise)
            XCTAssertFalse(brief.signature.isEmpty, "\(exercise.name) has a signature")
            XCTAssertFalse(brief.rules.isEmpty, "\(exercise.name) has rules")
            XCTAssertFalse(brief.rules.contains("```"), "\(exercise.name): the rules stop at no code fence")
            for line in brief.rulesLines(width: 60) { XCTAssertLessThanOrEqual(line.count, 60, "\(exercise.name): \(line)") }
        }
    }

    func testShowListsTheInterviewKitTypesAnExerciseUses() throws {
        let folder = TestSupport.temporaryFolder()
        let (status, output) = run(["show", "callback-bridge"], in: folder)
        XCTAssertEqual(status, 0)
        for name in ["public protocol LegacyTable", "public protocol LegacyRequest", "public struct NotFound", "public struct Item"] {
            XCTAssertTrue(output.out.contains(name), "\(name) in \(output.out)")
        }
        XCTAssertTrue(output.out.contains("/// A callback-style SDK"), "with its doc comment")
        XCTAssertFalse(output.out.contains("HTTPClient"), "only the types this exercise uses")
    }
}
