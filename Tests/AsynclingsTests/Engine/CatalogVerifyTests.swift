import XCTest
@testable import AsynclingsCore

/// The catalog checks itself: every reference passes, every starter fails, every flawed
/// answer fails in exactly the categories its header names (what `asynclings verify` does).
final class CatalogVerifyTests: XCTestCase {
    func testEveryExerciseDiscriminates() throws {
        let catalog = try TestSupport.catalog
        XCTAssertTrue(catalog.problems.isEmpty, "unreadable exercises: \(catalog.problems.keys.sorted())")
        let cases = VerifyCommand.cases(catalog)
        let outcomes = VerifyCommand.verify(cases, pipeline: try TestSupport.pipeline(), width: 2) { _ in }
        XCTAssertEqual(outcomes.count, cases.count)
        for outcome in outcomes where outcome.problem != nil {
            XCTFail("\(outcome.check.exercise.name) \(outcome.check.role): \(outcome.problem!)")
        }
    }

    func testEveryExerciseIsComplete() throws {
        for exercise in try TestSupport.catalog.exercises {
            for file in [exercise.promptFile, exercise.starterFile, exercise.referenceFile, exercise.testsFile, exercise.narrationFile] {
                XCTAssertTrue(FileManager.default.fileExists(atPath: file.path), "\(exercise.name) lacks \(file.lastPathComponent)")
            }
            XCTAssertGreaterThanOrEqual(HintCommand.hints(exercise).count, 3, "\(exercise.name) needs three hints")
            let flawed = VerifyCommand.cases(try TestSupport.catalog).filter { $0.exercise.name == exercise.name && $0.role.hasPrefix("flawed/") }
            XCTAssertFalse(flawed.isEmpty, "\(exercise.name) has no flawed answers")
        }
    }
}
