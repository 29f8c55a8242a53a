import Foundation
import Synchronization
import XCTest
@testable import AsynclingsCore

/// Progress says only what happened: an untouched starter scores nothing, code that does not
/// compile is never "race-free", an answer faster than the rules allow is not "best possible",
/// and the review summary counts broken answers and essential notes.
final class HonestProgressTests: XCTestCase {
    func testAnUntouchedStarterRecordsNoBestScore() throws {
        let folder = TestSupport.temporaryFolder()
        let (context, output) = TestSupport.context(cwd: folder)
        XCTAssertEqual(App.main(["run", "fetch-all"], context: context), 1, output.err)
        XCTAssertTrue(output.out.contains("FAIL"), output.out)
        let state = StateStore(folder: folder.appendingPathComponent("practice/.asynclings"), warn: { _ in }, now: Date.init).load()
        XCTAssertNil(state.exercises["fetch-all"]?.lastReport, "the starter's check is not the learner's attempt")
        XCTAssertEqual(state.exercises["fetch-all"]?.bestScore ?? 0, 0)
    }

    private func report(_ verdict: Report.Verdict, latency: Report.Latency? = nil, tests: [Report.TestResult] = []) -> Report {
        Report(exercise: "bounded-concurrency", file: "answer.swift", verdict: verdict, interviewReady: false, categories: [:],
               tests: tests, checklist: [], review: [], latency: latency, diagnostics: [], timing: .init(compileSeconds: 0, runSeconds: 0))
    }

    func testCodeThatDoesNotCompileIsNeverRaceFree() throws {
        var broken = report(.compileError)
        Checklist.evaluate(&broken, exercise: try TestSupport.exercise("fetch-all"), source: "func fetchAll(")
        let races = try XCTUnwrap(broken.checklist.first { $0.id == .races })
        XCTAssertEqual(races.status, .notApplicable, races.note)
        XCTAssertTrue(races.note.contains("does not compile"), races.note)
    }

    func testAnAnswerFasterThanTheRulesAllowIsNotBestPossible() throws {
        var unbounded = report(.fail, latency: .init(virtualSeconds: 0.3, bestSeconds: 0.9, requests: 1, eachSeconds: 0.3))
        Checklist.evaluate(&unbounded, exercise: try TestSupport.exercise("bounded-concurrency"), source: "")
        let latency = try XCTUnwrap(unbounded.checklist.first { $0.id == .latency })
        XCTAssertEqual(latency.status, .missed, latency.note)
        let line = ReportRenderer(style: Style(color: false)).failureLines(unbounded).joined(separator: "\n")
        XCTAssertTrue(line.contains("1 request of 300 ms"), "one request, not \"1 requests\": \(line)")
        XCTAssertFalse(line.contains("best possible"), line)
    }

    func testTheReviewSummaryCountsBrokenAnswersAndEssentialNotes() {
        let rows: [ReviewCommand.Summary.Row] = [
            .init(name: "fetch-all", status: .inProgress, attempts: 2, categories: [:], checklist: [:], compiles: false, essentialNotes: 0),
            .init(name: "fetch-all-settled", status: .inProgress, attempts: 1, categories: ["correctness": .init(passed: 1, total: 2)], checklist: [:], compiles: true, essentialNotes: 2),
        ]
        let text = ReviewCommand.render(.init(exercises: rows, mostMissed: [:], interviews: []), style: Style(color: false))
        XCTAssertTrue(text.contains("no build"), text)
        XCTAssertTrue(text.contains("1 answer does not compile; 2 essential review notes"), text)
        for line in text.split(separator: "\n") { XCTAssertLessThanOrEqual(line.count, 80, String(line)) }
    }

    func testADeletedPracticeFileSuggestsReset() throws {
        let folder = TestSupport.temporaryFolder()
        var (context, _) = TestSupport.context(cwd: folder)
        context.readLine = { nil }
        let session = try Session(context: context, arguments: Arguments([]))
        var engine = PracticeEngine(session: session, exercise: try TestSupport.exercise("fetch-all"), wording: .typed) { _, _ throws(AsynclingsError) -> Report in
            XCTFail("nothing to check")
            throw AsynclingsError.usage("", fix: "")
        }
        engine.start()
        try FileManager.default.removeItem(at: engine.file)
        _ = engine.perform(.check)
        guard case .message(let text) = engine.pane else { return XCTFail("a message, not a report") }
        XCTAssertTrue(text.contains("asynclings reset fetch-all"), text)
        XCTAssertFalse(text.contains("--file"), text)
    }
}
