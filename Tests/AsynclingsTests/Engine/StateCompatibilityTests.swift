import Foundation
import XCTest
@testable import AsynclingsCore

/// State and reports written before statuses, endings, checklist ids and rule ids were types
/// read back as the same values and are written back byte for byte.
final class StateCompatibilityTests: XCTestCase {
    /// A state file the tutor wrote before the change (a hint, a failing and a passing check, a
    /// stopped interview), kept under Tests/Fixtures/state.
    private let fixture = TestSupport.root.appendingPathComponent("Tests/Fixtures/state/state-format-1.json")

    func testAnOldStateFileReadsAndWritesBackUnchanged() throws {
        let data = try Data(contentsOf: fixture)
        let state = try JSONDecoder().decode(ProgressState.self, from: data)
        XCTAssertEqual(state.exercises["unawaited-work"]?.status, .notStarted)
        XCTAssertEqual(state.exercises["fetch-all"]?.status, .inProgress)
        XCTAssertEqual(state.exercises["fetch-all-settled"]?.status, .passed)
        XCTAssertEqual(state.interviews.map(\.ending), [.stopped])
        let report = try XCTUnwrap(state.exercises["fetch-all"]?.lastReport)
        XCTAssertEqual(report.checklist.map(\.id), Report.ChecklistItem.ID.allCases)
        XCTAssertFalse(report.review.isEmpty, "the flawed answer in the fixture has review notes")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        XCTAssertEqual(String(decoding: try encoder.encode(state), as: UTF8.self), String(decoding: data, as: UTF8.self))
    }

    func testValuesTheTutorNeverWritesAreNotedAndReplaced() throws {
        let card = #"{"exercise": "fetch-all", "started_at": 1, "minutes": 30, "seconds_used": 60, "attempts": 1, "hints": 0, "intent": "x", "ending": "won", "points": 80}"#
        let text = #"{"format_version": 1, "exercises": {"fetch-all": {"status": "finished"}}, "interviews": [\#(card)]}"#
        let folder = TestSupport.temporaryFolder()
        try Data(text.utf8).write(to: folder.appendingPathComponent("state.json"))
        let warnings = TestSupport.Output()
        let state = StateStore(folder: folder, warn: { warnings.append(err: $0) }, now: Date.init).load()
        XCTAssertEqual(state.exercises["fetch-all"]?.status, .inProgress)
        XCTAssertEqual(state.interviews.map(\.ending), [.stopped], "the scorecard is kept, its ending read as stopped")
        XCTAssertTrue(warnings.err.contains(#"exercises.fetch-all.status "finished" is unknown (now in-progress)"#), warnings.err)
        XCTAssertTrue(warnings.err.contains(#"interviews.0.ending "won" is unknown (now stopped)"#), warnings.err)
    }

    func testAnUnknownReviewRuleInAnExerciseIsNamed() throws {
        let catalog = TestSupport.temporaryFolder()
        let exercise = catalog.appendingPathComponent("01-sample")
        try FileManager.default.createDirectory(at: exercise, withIntermediateDirectories: true)
        try Data(#"{"name": "sample", "title": "Sample", "difficulty": 1, "review": {"off": ["dropped-task", "droped-task"]}}"#.utf8)
            .write(to: exercise.appendingPathComponent("exercise.json"))
        XCTAssertThrowsError(try Catalog(folder: catalog)) { error in
            let message = (error as? AsynclingsError)?.message ?? "\(error)"
            XCTAssertTrue(message.contains("review.off.1") && message.contains("dropped-task"), message)
        }
    }
}
