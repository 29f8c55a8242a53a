import Foundation
import Synchronization
import XCTest
@testable import AsynclingsCore

/// Progress earned under an older suite: each recorded check keeps the fingerprint of the suite it
/// ran against, and a pass under another suite is shown as such and checked again when opened.
final class SuiteFingerprintTests: XCTestCase {
    private func report(_ verdict: Report.Verdict, passing: Int = 2, of total: Int = 2) -> Report {
        let tests = (0..<total).map { i in
            Report.TestResult(name: "test_correctness_\(i)", category: "correctness", status: i < passing ? .pass : .fail, message: "")
        }
        return Report(exercise: "fetch-all", file: "fetch-all.swift", verdict: verdict, interviewReady: false, categories: [:], tests: tests,
                      checklist: [], review: [], latency: nil, diagnostics: [], timing: .init(compileSeconds: 0, runSeconds: 0))
    }

    func test_theFingerprintHashesTheSuiteAndChangesWithIt() throws {
        let exercise = try TestSupport.exercise("fetch-all")
        let fingerprint = try XCTUnwrap(exercise.suiteFingerprint)
        XCTAssertEqual(fingerprint.count, 16)
        XCTAssertEqual(exercise.suiteFingerprint, fingerprint, "stable")

        let catalog = TestSupport.temporaryFolder()
        let copy = catalog.appendingPathComponent("01-fetch-all")
        try FileManager.default.copyItem(at: exercise.folder, to: copy)
        XCTAssertEqual(try Catalog(folder: catalog).exercise(named: "fetch-all").suiteFingerprint, fingerprint, "the same suite elsewhere")
        let tests = copy.appendingPathComponent("Tests.swift")
        try (try String(contentsOf: tests, encoding: .utf8) + "\n// one more line\n").write(to: tests, atomically: true, encoding: .utf8)
        XCTAssertNotEqual(try Catalog(folder: catalog).exercise(named: "fetch-all").suiteFingerprint, fingerprint)
    }

    func test_aPassIsKeptUnderItsOwnSuiteAndRecheckedUnderAnother() {
        var state = ProgressState()
        state.record(report(.pass), suite: "old")
        var progress = state.exercises["fetch-all"]!
        XCTAssertEqual(progress.suite, "old")
        XCTAssertFalse(progress.passedUnderEarlierSuite(current: "old"))
        XCTAssertTrue(progress.passedUnderEarlierSuite(current: "new"))
        XCTAssertFalse(progress.passedUnderEarlierSuite(current: nil), "a suite that cannot be read says nothing")

        // Under the same suite a later failure leaves the pass standing.
        state.record(report(.fail, passing: 1), suite: "old")
        XCTAssertEqual(state.exercises["fetch-all"]?.status, .passed)
        XCTAssertEqual(state.exercises["fetch-all"]?.bestScore, 1)

        // Under a new suite the re-check decides: a failure is no longer a pass, and the best score restarts.
        state.record(report(.fail, passing: 1), suite: "new")
        progress = state.exercises["fetch-all"]!
        XCTAssertEqual(progress.status, .inProgress)
        XCTAssertEqual(progress.bestScore, 0.5)
        XCTAssertEqual(progress.suite, "new")
        XCTAssertEqual(progress.attempts, 3)

        state.record(report(.pass), suite: "new")
        XCTAssertEqual(state.exercises["fetch-all"]?.status, .passed)
        XCTAssertFalse(state.exercises["fetch-all"]!.passedUnderEarlierSuite(current: "new"))
    }

    func test_aCheckRecordedWithoutAFingerprintKeepsTheOldRules() {
        var state = ProgressState()
        state.record(report(.pass), suite: "old")
        state.record(report(.fail, passing: 0))
        XCTAssertEqual(state.exercises["fetch-all"]?.status, .passed)
        XCTAssertEqual(state.exercises["fetch-all"]?.suite, "old")
        XCTAssertEqual(state.exercises["fetch-all"]?.bestScore, 1)
    }

    func test_anOldStateFileIsReadAndItsPassesCountAsEarlier() throws {
        let json = #"{ "format_version": 1, "current": "fetch-all", "exercises": { "fetch-all": { "status": "passed", "attempts": 2, "best_score": 1 } }, "interviews": [] }"#
        let state = try JSONDecoder().decode(ProgressState.self, from: Data(json.utf8))
        let progress = try XCTUnwrap(state.exercises["fetch-all"])
        XCTAssertNil(progress.suite)
        XCTAssertEqual(progress.status, .passed)
        XCTAssertTrue(progress.passedUnderEarlierSuite(current: "abc"), "nothing says which suite it passed, so it is checked again")

        var recorded = state
        recorded.record(report(.pass), suite: "abc")
        let again = try JSONDecoder().decode(ProgressState.self, from: JSONEncoder().encode(recorded))
        XCTAssertEqual(again.exercises["fetch-all"]?.suite, "abc")
        XCTAssertFalse(try JSONEncoder().encode(state).contains(Array("\"suite\"".utf8)), "no suite, no key")
    }

    /// A workspace whose state says fetch-all passed under another suite, with the reference as the learner's file.
    private func workspaceWithAnEarlierPass() throws -> (folder: URL, file: URL) {
        let folder = TestSupport.temporaryFolder()
        let practice = folder.appendingPathComponent("practice")
        try FileManager.default.createDirectory(at: practice.appendingPathComponent(".asynclings"), withIntermediateDirectories: true)
        let file = practice.appendingPathComponent("fetch-all.swift")
        try FileManager.default.copyItem(at: try TestSupport.exercise("fetch-all").referenceFile, to: file)
        var state = ProgressState()
        state.record(report(.pass), suite: "0000000000000000")
        state.current = "fetch-all"
        try JSONEncoder().encode(state).write(to: practice.appendingPathComponent(".asynclings/state.json"))
        return (folder, file)
    }

    func test_listAndReviewShowAPassUnderAnEarlierSuite() throws {
        let (folder, _) = try workspaceWithAnEarlierPass()
        var (context, output) = TestSupport.context(cwd: folder)
        context.isTerminal = false
        XCTAssertEqual(App.main(["list"], context: context), 0)
        XCTAssertTrue(output.out.contains("passed*"), output.out)
        XCTAssertTrue(output.out.contains("* passed under an earlier suite"), output.out)
        XCTAssertEqual(App.main(["review"], context: context), 0)
        XCTAssertTrue(output.out.contains("passed*"), output.out)
        XCTAssertEqual(App.main(["review", "fetch-all"], context: context), 0)
        XCTAssertTrue(output.out.contains("This exercise passed under an earlier suite"), output.out)

        var (jsonContext, json) = TestSupport.context(cwd: folder)
        jsonContext.isTerminal = false
        XCTAssertEqual(App.main(["list", "--json"], context: jsonContext), 0)
        let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [[String: Any]])
        XCTAssertEqual(rows.first?["earlier_suite"] as? Bool, true)
        XCTAssertEqual(rows.first?["status"] as? String, "passed", "the status keeps its SPEC values")
        XCTAssertEqual(rows.dropFirst().first?["earlier_suite"] as? Bool, false)
    }

    func test_openingItInPracticeChecksItAgainAndLeavesTheFileAlone() throws {
        let (folder, file) = try workspaceWithAnEarlierPass()
        let before = try Data(contentsOf: file)
        var (context, output) = TestSupport.context(cwd: folder)
        context.readLine = { nil }
        XCTAssertEqual(App.main([], context: context), 0)
        XCTAssertTrue(output.out.contains("fetch-all passed under an earlier suite; checking your file"), output.out)
        XCTAssertTrue(output.out.contains("It still passes"), output.out)
        XCTAssertEqual(try Data(contentsOf: file), before, "the learner's file is never rewritten")
        let state = StateStore(folder: folder.appendingPathComponent("practice/.asynclings"), warn: { _ in }, now: Date.init).load()
        XCTAssertEqual(state.exercises["fetch-all"]?.attempts, 2, "the re-check is recorded")
        XCTAssertEqual(state.exercises["fetch-all"]?.status, .passed)
    }
}
