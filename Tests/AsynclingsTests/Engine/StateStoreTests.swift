import Foundation
import Synchronization
import XCTest
@testable import AsynclingsCore

final class StateStoreTests: XCTestCase {
    func testAnUnreadableStateFileIsKeptAsideAndReplaced() throws {
        let folder = TestSupport.temporaryFolder()
        try Data("{ \"format_version\": 1, \"exerc".utf8).write(to: folder.appendingPathComponent("state.json"))
        let warnings = TestSupport.Output()
        let store = StateStore(folder: folder, warn: { warnings.append(err: $0) })
        let state = store.load()
        XCTAssertEqual(state, ProgressState())
        XCTAssertTrue(warnings.err.contains("could not be read"))
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        XCTAssertTrue(files.contains { $0.hasPrefix("state.unreadable-") }, "\(files)")
        XCTAssertTrue(files.contains("state.json"))
    }

    func testAMissingStateFileBesideExerciseFilesIsReportedOnce() throws {
        let workspace = TestSupport.temporaryFolder()
        let folder = workspace.appendingPathComponent(".asynclings")
        let warnings = TestSupport.Output()
        let store = StateStore(folder: folder, warn: { warnings.append(err: $0) })
        try "// starter\n".write(to: workspace.appendingPathComponent("fetch-all.swift"), atomically: true, encoding: .utf8)
        _ = store.load()
        XCTAssertEqual(warnings.err, "", "a first run (the starter just copied, no tutor folder yet) is not reported")
        try "// mine\n".write(to: workspace.appendingPathComponent("fetch-all.swift"), atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("state.json"))
        _ = store.load()
        _ = store.load()
        XCTAssertEqual(warnings.err.components(separatedBy: "no progress file was found").count, 2, warnings.err)
    }

    func testAWrongFormatVersionIsTreatedAsUnreadable() throws {
        let folder = TestSupport.temporaryFolder()
        try Data("{ \"format_version\": 99, \"exercises\": {} }".utf8).write(to: folder.appendingPathComponent("state.json"))
        let store = StateStore(folder: folder, warn: { _ in })
        XCTAssertEqual(store.load().formatVersion, 1)
    }

    func testConcurrentUpdatesLoseNothing() throws {
        let folder = TestSupport.temporaryFolder()
        let store = StateStore(folder: folder, warn: { _ in })
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            for _ in 0..<25 {
                _ = try? store.update { state in
                    state.exercises["fetch-all", default: .init()].attempts += 1
                }
            }
        }
        XCTAssertEqual(store.load().exercises["fetch-all"]?.attempts, 100)
    }

    func testResetKeepsABackupOfTheLearnersFile() throws {
        let exercise = try TestSupport.exercise("fetch-all")
        let workspace = Workspace(folder: TestSupport.temporaryFolder().appendingPathComponent("prac tice ü"))
        let file = try workspace.open(exercise)
        try "// my work\n".write(to: file, atomically: true, encoding: .utf8)
        XCTAssertEqual(try workspace.open(exercise), file, "opening again never overwrites")
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), "// my work\n")
        let backup = try XCTUnwrap(try workspace.reset(exercise, stamp: "20260101-000000"))
        XCTAssertEqual(try String(contentsOf: backup, encoding: .utf8), "// my work\n")
        XCTAssertEqual(try Data(contentsOf: file), try Workspace.starterText(for: exercise), "the starter as a new file has it: rules comment, then Starter.swift")
        XCTAssertEqual(backup.lastPathComponent, "fetch-all-20260101-000000.swift")

        // A second reset within the same second keeps both backups.
        try "// second try\n".write(to: file, atomically: true, encoding: .utf8)
        let second = try XCTUnwrap(try workspace.reset(exercise, stamp: "20260101-000000"))
        XCTAssertEqual(second.lastPathComponent, "fetch-all-20260101-000000-2.swift")
        XCTAssertEqual(try String(contentsOf: second, encoding: .utf8), "// second try\n")
        XCTAssertEqual(try String(contentsOf: backup, encoding: .utf8), "// my work\n")
    }

    func testTwoUnreadableStateFilesInOneSecondAreBothKept() throws {
        let folder = TestSupport.temporaryFolder()
        let store = StateStore(folder: folder, warn: { _ in })
        for broken in ["{ broken one", "{ broken two"] {
            try Data(broken.utf8).write(to: folder.appendingPathComponent("state.json"))
            _ = store.load()
        }
        let kept = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("state.unreadable-") }
        let contents = Set(kept.compactMap { try? String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) })
        XCTAssertEqual(contents, ["{ broken one", "{ broken two"], "\(kept)")
    }
}

final class CatalogProblemTests: XCTestCase {
    func testABrokenExerciseJSONIsNamedAndTheRestStillWork() throws {
        let folder = TestSupport.temporaryFolder()
        let good = folder.appendingPathComponent("01-fetch-all")
        try FileManager.default.copyItem(at: TestSupport.root.appendingPathComponent("exercises/01-fetch-all"), to: good)
        let broken = folder.appendingPathComponent("02-broken")
        try FileManager.default.createDirectory(at: broken, withIntermediateDirectories: true)
        try Data("{ \"name\": \"broken\", \"title\": 3 }".utf8).write(to: broken.appendingPathComponent("exercise.json"))
        let catalog = try Catalog(folder: folder)
        XCTAssertEqual(catalog.exercises.map(\.name), ["fetch-all"])
        XCTAssertThrowsError(try catalog.exercise(named: "broken")) { error in
            let error = error as! AsynclingsError
            XCTAssertEqual(error.exitCode, 3)
            XCTAssertTrue(error.message.contains("02-broken/exercise.json"), error.message)
        }
    }
}

/// Time spent: the gaps between a learner's activities, each capped, a new sitting not counted.
final class TimeSpentTests: XCTestCase {
    func testGapsBetweenActivitiesAddUpCappedAndANewSittingIsNotCounted() {
        var progress = ProgressState.ExerciseProgress()
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        progress.touch(at: start, counting: false)
        progress.touch(at: start + 120)
        progress.touch(at: start + 120 + 3600)
        XCTAssertEqual(progress.secondsSpent, 120 + ProgressState.ExerciseProgress.longestCountedGap)
        progress.touch(at: start + 86_400, counting: false)
        progress.touch(at: start + 86_400 + 30)
        XCTAssertEqual(progress.secondsSpent, 150 + ProgressState.ExerciseProgress.longestCountedGap)
    }

    func testChecksAndHintsRecordTimeSpentAndCurrentIsWrittenAsNull() throws {
        let folder = TestSupport.temporaryFolder()
        let clock = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
        var (context, _) = TestSupport.context(cwd: folder)
        context.now = { clock.withLock { $0 } }
        XCTAssertEqual(App.main(["hint", "fetch-all"], context: context), 0)
        let stateFile = folder.appendingPathComponent("practice/.asynclings/state.json")
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: stateFile)) as? [String: Any])
        XCTAssertTrue(json.keys.contains("current") && json["current"] is NSNull, "\(json.keys)")
        clock.withLock { $0 += 90 }
        XCTAssertEqual(App.main(["run", "fetch-all"], context: context), 1)
        let state = StateStore(folder: folder.appendingPathComponent("practice/.asynclings"), warn: { _ in }).load()
        XCTAssertEqual(state.exercises["fetch-all"]?.secondsSpent, 90)
    }
}
