import XCTest
@testable import AsynclingsCore

/// `preconcurrency-import`, `legacy-sync` and `explicit-isolation`, and forbidden rules.
final class MigrationRulesTests: XCTestCase {
    private func rules(_ source: String, _ settings: ReviewSettings = ReviewSettings()) -> [String] {
        SourceReview.review(source, settings: settings).map { "\($0.rule)@\($0.line)" }
    }

    func testPreconcurrencyImportIsNoted() {
        XCTAssertEqual(rules("@preconcurrency import Foundation\nimport InterviewKit\n"), ["preconcurrency-import@1"])
        XCTAssertEqual(rules("import Foundation\n// @preconcurrency import Foundation\n"), [])
    }

    func testLegacySyncOnlyWhereTheExerciseMigrates() {
        let source = """
        actor Cache {
            private let queue = DispatchQueue(label: "cache")
            private let lock = NSLock()
            func get() { Thread.sleep(forTimeInterval: 0) }
        }
        """
        var settings = ReviewSettings()
        XCTAssertFalse(rules(source, settings).contains { $0.hasPrefix("legacy-sync") })
        settings.legacy = true
        XCTAssertEqual(rules(source, settings).filter { $0.hasPrefix("legacy-sync") }, ["legacy-sync@2", "legacy-sync@3", "legacy-sync@4"])
        // An actor and a task group are the migrated shape: nothing to say.
        let migrated = """
        actor Cache {
            private var inFlight: [URL: Task<Data, Error>] = [:]
            func get(_ url: URL, load: @Sendable @escaping () async throws -> Data) async throws -> Data {
                if let task = inFlight[url] { return try await task.value }
                let task = Task { try await load() }
                inFlight[url] = task
                return try await task.value
            }
        }
        """
        XCTAssertFalse(rules(migrated, settings).contains { $0.hasPrefix("legacy-sync") })
    }

    func testExplicitIsolationOnlyForAnArgumentPassedByHand() {
        XCTAssertEqual(rules("func f() async { IsolationProbe.record(\"x\", isolation: MainActor.shared) }\n"), ["explicit-isolation@1"])
        XCTAssertEqual(rules("func f(_ label: String, isolation: isolated (any Actor)? = #isolation) {}\n"), [])
        XCTAssertEqual(rules("func f() async { IsolationProbe.record(\"x\") }\n"), [])
    }

    func testAForbiddenRuleIsEssentialAndFailsTheConcurrencyCategory() throws {
        var settings = ReviewSettings()
        settings.forbidden = [.uncheckedSendable]
        let notes = SourceReview.review("final class Box: @unchecked Sendable { var x = 0 }\n", settings: settings)
        XCTAssertEqual(notes.map(\.severity), [.essential])

        var exercise = try TestSupport.exercise("fetch-all")
        exercise = Exercise(
            number: exercise.number, name: exercise.name, title: exercise.title, difficulty: exercise.difficulty,
            seeds: [], concepts: [], latency: nil, timeLimitSeconds: 10,
            review: .init(parallel: true, limit: false, off: [], legacy: false, forbidden: [.uncheckedSendable]),
            folder: exercise.folder)
        let passing = Report(
            exercise: "fetch-all", file: "a.swift", verdict: .pass, interviewReady: false,
            categories: ["concurrency": .init(passed: 1, total: 1)],
            tests: [.init(name: "test_concurrency_x", category: "concurrency", status: .pass, message: "")],
            checklist: [], review: notes, latency: nil, diagnostics: [], timing: .init(compileSeconds: 0, runSeconds: 0))
        let judged = Checker.failForbidden(passing, exercise: exercise)
        XCTAssertEqual(judged.verdict, .fail)
        XCTAssertEqual(judged.categories["concurrency"], .init(passed: 1, total: 2))
        XCTAssertTrue(judged.tests.last?.message.contains("escape hatch this exercise forbids") ?? false)
    }
}
