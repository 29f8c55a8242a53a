import Foundation
import Synchronization
import XCTest
@testable import AsynclingsCore

/// A mock interview driven line by line through the library: intent first, a failing check,
/// a hint, then a passing check and the scorecard, kept in the state and shown by review.
final class InterviewTests: XCTestCase {
    func testAnInterviewEndsInAScorecardThatReviewShows() throws {
        let folder = TestSupport.temporaryFolder()
        let reference = TestSupport.root.appendingPathComponent("exercises/01-fetch-all/Reference.swift")
        let interviewFile = folder.appendingPathComponent("practice/interview/fetch-all.swift")
        let script = Mutex<[String]>([
            "I start every request at once in a task group, keep results in input order by index, and fail fast: the first error cancels the rest.",
            "check", "hint", "save-reference", "check",
        ])
        let clock = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
        var (context, output) = TestSupport.context(cwd: folder)
        context.readLine = {
            let line = script.withLock { $0.isEmpty ? nil : $0.removeFirst() }
            clock.withLock { $0 += 60 }
            if line == "save-reference" {
                try? FileManager.default.removeItem(at: interviewFile)
                try? FileManager.default.copyItem(at: reference, to: interviewFile)
                return ""
            }
            return line
        }
        context.now = { clock.withLock { $0 } }

        let status = App.main(["interview", "fetch-all", "--minutes", "20"], context: context)
        XCTAssertEqual(status, 0, output.out + output.err)
        XCTAssertTrue(output.out.contains("Scorecard: fetch-all"), output.out)
        XCTAssertTrue(output.out.contains("hints       1"), output.out)
        XCTAssertTrue(output.out.contains("What the interviewer wanted to hear"))

        let state = StateStore(folder: folder.appendingPathComponent("practice/.asynclings"), warn: { _ in }, now: Date.init).load()
        let card = try XCTUnwrap(state.interviews.last)
        XCTAssertEqual(card.attempts, 2)
        XCTAssertEqual(card.ending, .passed)
        XCTAssertEqual(card.points, 90, "all tests pass, interview-ready, one hint")
        XCTAssertEqual(card.report?.checklist.first?.status, .met, "the typed intent names every concept")

        var (reviewContext, reviewOutput) = TestSupport.context(cwd: folder)
        reviewContext.isTerminal = false
        XCTAssertEqual(App.main(["review"], context: reviewContext), 0)
        XCTAssertTrue(reviewOutput.out.contains("Mock interviews") && reviewOutput.out.contains("90/100"), reviewOutput.out)
        XCTAssertFalse(reviewOutput.out.contains("exercise                 status"), "no empty practice table after an interview only")
    }

    func testQuittingAsksFirstAndShowsNoNarrationBeforeAPass() throws {
        let folder = TestSupport.temporaryFolder()
        let script = Mutex<[String]>(["A task group, results by index, fail fast.", "quit", "no", "hint", "quit", "yes", "check"])
        var (context, output) = TestSupport.context(cwd: folder)
        context.readLine = { script.withLock { $0.isEmpty ? nil : $0.removeFirst() } }
        XCTAssertEqual(App.main(["interview", "fetch-all"], context: context), 1)
        XCTAssertTrue(output.out.contains("End the interview now?"), output.out)
        XCTAssertTrue(output.out.contains("hints       1"), "after no, the interview went on: \(output.out)")
        XCTAssertFalse(output.out.contains("What the interviewer wanted to hear"), "the narration is solution's, after a pass")
        XCTAssertEqual(script.withLock { $0 }, ["check"], "nothing is read after yes")
    }

    func testTheScorecardListsEveryDeduction() {
        let tests = (0..<4).map { Report.TestResult(name: "t\($0)", category: "correctness", status: .pass, message: "") }
        let report = Report(exercise: "fetch-all", file: "f.swift", verdict: .pass, interviewReady: false, categories: [:], tests: tests,
                            checklist: [], review: [], latency: nil, diagnostics: [], timing: .init(compileSeconds: 0, runSeconds: 0))
        let card = Scorecard(exercise: "fetch-all", startedAt: 0, minutes: 30, secondsUsed: 60, attempts: 1, hints: 2, intent: "",
                             ending: .passed, points: Scorecard.points(report: report, hints: 2), report: report)
        let lines = InterviewCommand.deductions(card, report: report).joined(separator: "\n")
        XCTAssertTrue(lines.contains("4 of 4 tests pass") && lines.contains("100"), lines)
        XCTAssertTrue(lines.contains("2 hints taken") && lines.contains("−20"), lines)
        XCTAssertTrue(lines.contains("not interview-ready") && lines.contains("−10"), lines)
        XCTAssertTrue(lines.hasSuffix("70"), lines)
    }

    func testAnInterviewWithoutAnIntentIsAUsageError() throws {
        let (context, output) = TestSupport.context(cwd: TestSupport.temporaryFolder())
        XCTAssertEqual(App.main(["interview", "fetch-all"], context: context), 2)
        XCTAssertTrue(output.err.contains("intent"))
    }
}
