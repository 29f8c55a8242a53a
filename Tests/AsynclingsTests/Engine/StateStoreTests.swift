import Foundation
import Synchronization
import XCTest
@testable import AsynclingsCore

final class StateStoreTests: XCTestCase {
    func testAnUnreadableStateFileIsKeptAsideAndReplaced() throws {
        let folder = TestSupport.temporaryFolder()
        try Data("{ \"format_version\": 1, \"exerc".utf8).write(to: folder.appendingPathComponent("state.json"))
        let warnings = TestSupport.Output()
        let store = StateStore(folder: folder, warn: { warnings.append(err: $0) }, now: Date.init)
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
        let store = StateStore(folder: folder, warn: { warnings.append(err: $0) }, now: Date.init)
        try "// starter\n".write(to: workspace.appendingPathComponent("fetch-all.swift"), atomically: true, encoding: .utf8)
        _ = store.load()
        XCTAssertEqual(warnings.err, "", "a first run (the starter just copied, no tutor folder yet) is not reported")
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path), "reading creates nothing")
        try store.update { _ in }
        try "// mine\n".write(to: workspace.appendingPathComponent("fetch-all.swift"), atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("state.json"))
        _ = store.load()
        _ = store.load()
        XCTAssertEqual(warnings.err.components(separatedBy: "no progress file was found").count, 2, warnings.err)
    }

    func testAWrongFormatVersionIsTreatedAsUnreadable() throws {
        let folder = TestSupport.temporaryFolder()
        try Data("{ \"format_version\": 99, \"exercises\": {} }".utf8).write(to: folder.appendingPathComponent("state.json"))
        let store = StateStore(folder: folder, warn: { _ in }, now: Date.init)
        XCTAssertEqual(store.load().formatVersion, 1)
    }

    func testConcurrentUpdatesLoseNothing() throws {
        let folder = TestSupport.temporaryFolder()
        let store = StateStore(folder: folder, warn: { _ in }, now: Date.init)
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
        let store = StateStore(folder: folder, warn: { _ in }, now: Date.init)
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
        let state = StateStore(folder: folder.appendingPathComponent("practice/.asynclings"), warn: { _ in }, now: Date.init).load()
        XCTAssertEqual(state.exercises["fetch-all"]?.secondsSpent, 90)
    }
}

/// Values in a state file the tutor never writes: each is clamped or dropped, reported once,
/// and never reaches `list`, `review` or a score.
final class StateValueTests: XCTestCase {
    /// A saved report whose categories claim `passed` of `total` tests.
    static func reportJSON(passed: Int, total: Int) throws -> Any {
        let report = Report(
            exercise: "fetch-all", file: "fetch-all.swift", verdict: .fail, interviewReady: false,
            categories: ["correctness": .init(passed: 1, total: 3)], tests: [], checklist: [], review: [], latency: nil,
            diagnostics: [], timing: .init(compileSeconds: 1, runSeconds: 1))
        var object = try XCTUnwrap(JSONSerialization.jsonObject(with: JSONEncoder().encode(report)) as? [String: Any])
        object["categories"] = ["correctness": ["passed": passed, "total": total], "errors": ["passed": passed, "total": total]]
        return object
    }

    /// A state file with a huge score and time, negative counts, a time in the far future, and
    /// a scorecard that took 1e300 seconds of a 30-minute interview for 1000 points.
    static func absurdState() throws -> Data {
        let state: [String: Any] = [
            "format_version": 1, "current": "fetch-all",
            "exercises": [
                "fetch-all": [
                    "status": "passed", "attempts": -5, "best_score": 1e300, "seconds_spent": 1e300,
                    "hints_shown": -2, "last_active": 1e300, "last_report": try reportJSON(passed: Int.max, total: Int.max),
                ] as [String: Any],
                "retry-backoff": ["status": "in-progress", "attempts": 3, "best_score": 0.5] as [String: Any],
            ],
            "interviews": [
                ["exercise": "fetch-all", "started_at": 1e300, "minutes": 30, "seconds_used": 1e300, "attempts": 1,
                 "hints": -1, "intent": "x", "ending": "passed", "points": 1000] as [String: Any],
            ],
        ]
        return try JSONSerialization.data(withJSONObject: state)
    }

    func testAbsurdNumbersAreClampedOrDroppedReportedOnceAndSaved() throws {
        let folder = TestSupport.temporaryFolder()
        try Self.absurdState().write(to: folder.appendingPathComponent("state.json"))
        let warnings = TestSupport.Output()
        let store = StateStore(folder: folder, warn: { warnings.append(err: $0) }, now: Date.init)
        let state = store.load()
        let progress = try XCTUnwrap(state.exercises["fetch-all"])
        XCTAssertEqual(progress.attempts, 0)
        XCTAssertEqual(progress.hintsShown, 0)
        XCTAssertEqual(progress.bestScore, 0, "a score out of range counts as nothing, not as 100 %")
        XCTAssertEqual(progress.secondsSpent, ProgressState.longestTime)
        XCTAssertNil(progress.lastActive)
        XCTAssertNil(progress.lastReport, "a report claiming Int.max tests is dropped")
        XCTAssertEqual(state.exercises["retry-backoff"]?.bestScore, 0.5, "values in range are kept")
        let card = try XCTUnwrap(state.interviews.first)
        XCTAssertEqual(card.secondsUsed, 30 * 60)
        XCTAssertEqual(card.points, 0)
        XCTAssertEqual(card.hints, 0)
        XCTAssertEqual(card.startedAt, ProgressState.latestMoment)
        XCTAssertTrue(warnings.err.contains("best_score 1e+300 is out of range"), warnings.err)
        XCTAssertFalse(warnings.err.contains("could not be read"), "the file is repaired, not set aside")
        XCTAssertEqual(store.load(), state, "the repaired state was saved")
        XCTAssertEqual(warnings.err.components(separatedBy: "note:").count, 2, "reported once: \(warnings.err)")
    }

    func testAnUnreadableValueOrScorecardIsDroppedNotTheWholeFile() throws {
        let folder = TestSupport.temporaryFolder()
        let card = #"{"exercise": "fetch-all", "started_at": 1, "minutes": 30, "seconds_used": 60, "attempts": 1, "hints": 0, "intent": "x", "ending": "passed", "points": 80}"#
        let text = """
            {"format_version": 1, "exercises": {"fetch-all": {"status": "in-progress", "attempts": 1e400,
             "best_score": "NaN", "seconds_spent": "inf", "hints_shown": 1}},
             "interviews": [\(card), {"exercise": "fetch-all", "seconds_used": "NaN"}, \(card)]}
            """
        try Data(text.utf8).write(to: folder.appendingPathComponent("state.json"))
        let warnings = TestSupport.Output()
        let state = StateStore(folder: folder, warn: { warnings.append(err: $0) }, now: Date.init).load()
        let progress = try XCTUnwrap(state.exercises["fetch-all"])
        XCTAssertEqual([progress.attempts, progress.hintsShown], [0, 1])
        XCTAssertEqual([progress.bestScore, progress.secondsSpent], [0, 0])
        XCTAssertEqual(state.interviews.map(\.points), [80, 80], "the unreadable scorecard alone is dropped")
        for path in ["exercises.fetch-all.best_score", "exercises.fetch-all.attempts", "interviews.1"] {
            XCTAssertTrue(warnings.err.contains(path), "\(path): \(warnings.err)")
        }
    }

    func testNaNAndInfinityNeverSurviveARepair() {
        var state = ProgressState()
        var progress = ProgressState.ExerciseProgress()
        (progress.bestScore, progress.secondsSpent, progress.lastActive) = (.nan, .infinity, -.infinity)
        state.exercises["fetch-all"] = progress
        state.interviews = [Scorecard(
            exercise: "fetch-all", startedAt: .nan, minutes: Int.max, secondsUsed: .nan, attempts: Int.min,
            hints: 0, intent: "", ending: .timeUp, points: -1, report: nil)]
        let notes = state.repair()
        let repaired = state.exercises["fetch-all"]!
        XCTAssertEqual([repaired.bestScore, repaired.secondsSpent], [0, ProgressState.longestTime])
        XCTAssertNil(repaired.lastActive)
        let card = state.interviews[0]
        XCTAssertEqual([card.minutes, card.attempts, card.points], [24 * 60, 0, 0])
        XCTAssertEqual([card.startedAt, card.secondsUsed], [0, 0])
        XCTAssertEqual(notes.count, 8, "\(notes)")
        XCTAssertEqual(state.repair(), [], "a repaired state needs no repair")
    }

    func testTemporaryFilesOfInterruptedSavesAreSwept() throws {
        let folder = TestSupport.temporaryFolder()
        let gone = folder.appendingPathComponent("\(StateStore.temporaryPrefix)\(Int32.max - 1)")
        let living = folder.appendingPathComponent("\(StateStore.temporaryPrefix)1")
        for file in [gone, living] { try Data("{".utf8).write(to: file) }
        XCTAssertEqual(kill(Int32.max - 1, 0), -1, "no process has that id")
        _ = StateStore(folder: folder, warn: { _ in }, now: Date.init).load()
        XCTAssertFalse(FileManager.default.fileExists(atPath: gone.path), "the save of a process that is gone is swept")
        XCTAssertTrue(FileManager.default.fileExists(atPath: living.path), "a save still in progress (its process lives) is kept")
    }

    func testListAndReviewOnAbsurdNumbersFinishAndReportOnce() throws {
        let workspace = TestSupport.temporaryFolder()
        let hidden = workspace.appendingPathComponent(".asynclings")
        try FileManager.default.createDirectory(at: hidden, withIntermediateDirectories: true)
        try Self.absurdState().write(to: hidden.appendingPathComponent("state.json"))
        var environment = ProcessInfo.processInfo.environment
        environment["ASYNCLINGS_CACHE"] = TestSupport.cache.path
        environment["ASYNCLINGS_CATALOG"] = TestSupport.root.appendingPathComponent("exercises").path
        var notes = 0
        for command in ["list", "review", "list", "review"] {
            let run = try TestSupport.runProgram([TestSupport.binary.path, command, "--workspace", workspace.path], environment: environment)
            XCTAssertEqual(run.status, 0, "\(command): \(run.err)")
            XCTAssertNil(run.signal, "\(command) crashed: \(run.err)")
            XCTAssertFalse(run.err.contains("Fatal error") || run.err.contains("Backtrace"), run.err)
            notes += run.err.components(separatedBy: "held values the tutor never writes").count - 1
            if command == "review" { XCTAssertTrue(run.out.contains("30 min 0 s") && run.out.contains("0/100"), run.out) }
        }
        XCTAssertEqual(notes, 1, "reported once, by the first command")
    }
}
