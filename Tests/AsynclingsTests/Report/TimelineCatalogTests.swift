import XCTest
@testable import AsynclingsCore

/// Every exercise that draws a test: the reference's run equals its cached best, and the flawed
/// answer its `timeline_flaw` names differs from the best in the shape it predicts, judged on
/// the spans (what `asynclings verify` also checks).
final class TimelineCatalogTests: XCTestCase {
    func testReferenceIsTheBestAndTheFlawShowsItsShape() throws {
        let catalog = try TestSupport.catalog
        let drawn = catalog.exercises.filter { $0.timelineTest != nil }
        XCTAssertFalse(drawn.isEmpty)
        for exercise in drawn {
            XCTAssertNotNil(exercise.timelineFlaw, "\(exercise.name) draws \(exercise.timelineTest!) but names no timeline_flaw")
        }
        let all = VerifyCommand.cases(catalog)
        let references = all.filter { $0.role == .reference && $0.exercise.timelineTest != nil }
        let flaws = all.filter { check in check.exercise.timelineFlaw.map { check.role == .flawed($0.file) } ?? false }
        XCTAssertEqual(flaws.count, drawn.count, "every timeline_flaw names a file in flawed/")
        // References first: each computes and caches its exercise's best run once.
        let checker = try TestSupport.checker()
        let outcomes = VerifyCommand.verify(references, checker: checker, width: 2) { _ in }
            + VerifyCommand.verify(references + flaws, checker: checker, width: 2) { _ in }
        for outcome in outcomes {
            let label = "\(outcome.check.exercise.name) \(outcome.check.role)"
            XCTAssertNil(outcome.problem, "\(label): \(outcome.problem ?? "")")
            let timeline = try XCTUnwrap(outcome.report?.timeline, label)
            XCTAssertFalse(timeline.run.spans.isEmpty, "\(label): the drawn test logged no calls")
        }
    }
}
