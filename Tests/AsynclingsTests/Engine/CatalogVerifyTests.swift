import XCTest
@testable import AsynclingsCore

/// The catalog checks itself: every reference and alternative passes, every starter fails, every
/// flawed answer fails in exactly the categories its header names (what `asynclings verify` does).
final class CatalogVerifyTests: XCTestCase {
    func testEveryExerciseDiscriminates() throws {
        let catalog = try TestSupport.catalog
        XCTAssertTrue(catalog.problems.isEmpty, "unreadable exercises: \(catalog.problems.keys.sorted())")
        let cases = VerifyCommand.cases(catalog)
        let outcomes = VerifyCommand.verify(cases, checker: try TestSupport.checker(), width: 2) { _ in }
        XCTAssertEqual(outcomes.count, cases.count)
        for outcome in outcomes where outcome.problem != nil {
            XCTFail("\(outcome.check.exercise.name) \(outcome.check.role): \(outcome.problem!)")
        }
        // The checklist tells the same story as the tests.
        let itemFor: [String: Report.ChecklistItem.ID] = ["concurrency": .concurrency, "errors": .errorSemantics, "cancellation": .errorSemantics, "resources": .resources]
        for outcome in outcomes {
            guard let report = outcome.report else { continue }
            let label = "\(outcome.check.exercise.name) \(outcome.check.role)"
            let missed = Set(report.checklist.filter { $0.status == .missed }.map(\.id))
            switch outcome.check.role {
            case .reference, .alternative:
                XCTAssertTrue(report.interviewReady, "\(label) should be interview-ready: \(report.checklist.filter { $0.status == .missed }.map(\.note)) \(report.review.map { "\($0.rule)@\($0.line)" })")
            case .starter:
                XCTAssertFalse(report.interviewReady, label)
            default:
                for category in VerifyCommand.failingCategories(report) {
                    if let item = itemFor[category] {
                        XCTAssertTrue(missed.contains(item), "\(label) fails \(category) but the checklist does not mark \(item) missed")
                    }
                }
                XCTAssertFalse(report.interviewReady, label)
            }
        }
    }

    func testEveryExerciseIsComplete() throws {
        for exercise in try TestSupport.catalog.exercises {
            for file in [exercise.promptFile, exercise.starterFile, exercise.referenceFile, exercise.testsFile, exercise.narrationFile] {
                XCTAssertTrue(FileManager.default.fileExists(atPath: file.path), "\(exercise.name) lacks \(file.lastPathComponent)")
            }
            XCTAssertGreaterThanOrEqual(HintCommand.hints(exercise).count, 3, "\(exercise.name) needs three hints")
            let flawed = VerifyCommand.cases(try TestSupport.catalog).filter { $0.exercise.name == exercise.name && $0.role.isFlawed }
            XCTAssertFalse(flawed.isEmpty, "\(exercise.name) has no flawed answers")
            // A quiz has one right set of answers; every other exercise shows two other correct styles.
            if !exercise.name.hasSuffix("-quiz") {
                let alternatives = VerifyCommand.swiftFiles(in: VerifyCommand.alternativesFolder(of: exercise))
                XCTAssertGreaterThanOrEqual(alternatives.count, 2, "\(exercise.name) needs two alternatives/ in styles other than the reference")
            }
        }
    }
}
