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

        let state = StateStore(folder: folder.appendingPathComponent("practice/.asynclings"), warn: { _ in }).load()
        let card = try XCTUnwrap(state.interviews.last)
        XCTAssertEqual(card.attempts, 2)
        XCTAssertEqual(card.ending, "passed")
        XCTAssertEqual(card.points, 90, "all tests pass, interview-ready, one hint")
        XCTAssertEqual(card.report?.checklist.first?.status, .met, "the typed intent names every concept")

        var (reviewContext, reviewOutput) = TestSupport.context(cwd: folder)
        reviewContext.isTerminal = false
        XCTAssertEqual(App.main(["review"], context: reviewContext), 0)
        XCTAssertTrue(reviewOutput.out.contains("Mock interviews") && reviewOutput.out.contains("90/100"), reviewOutput.out)
        XCTAssertFalse(reviewOutput.out.contains("exercise                 status"), "no empty practice table after an interview only")
    }

    func testAnInterviewWithoutAnIntentIsAUsageError() throws {
        let (context, output) = TestSupport.context(cwd: TestSupport.temporaryFolder())
        XCTAssertEqual(App.main(["interview", "fetch-all"], context: context), 2)
        XCTAssertTrue(output.err.contains("intent"))
    }
}
