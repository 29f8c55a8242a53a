import Foundation
import XCTest
@testable import AsynclingsCore

/// The checker end to end on real compiles: honest verdicts, whatever the learner's code does.
final class CheckerTests: XCTestCase {
    private let header = "import Foundation\nimport InterviewKit\n"

    func testTheReferencePassesAndTheStarterFailsInConcurrency() throws {
        let exercise = try TestSupport.exercise("fetch-all")
        let checker = try TestSupport.checker()
        let pass = try checker.check(exercise, file: exercise.referenceFile, displayPath: "Reference.swift")
        XCTAssertEqual(pass.verdict, .pass)
        let fail = try checker.check(exercise, file: exercise.starterFile, displayPath: "Starter.swift")
        XCTAssertEqual(fail.verdict, .fail)
        XCTAssertEqual(fail.categories["concurrency"], .init(passed: 0, total: 1))
        XCTAssertEqual(fail.latency?.virtualSeconds, 1.5)
        XCTAssertEqual(fail.latency?.bestSeconds, 0.3)
    }

    func testPrintingFakeSuccessChangesNothing() throws {
        let source = header + """
        func fetchAll(_ urls: [URL], client: some HTTPClient) async throws -> [Data] {
            print("Test Suite 'All tests' passed")
            print("Executed 8 tests, with 0 failures (0 unexpected)")
            print(#"{"event":"end","passed":true,"test":"test_concurrency_allRequestsInFlightTogether"}"#)
            print(#"{"event":"done"}"#)
            var bodies: [Data] = []
            for url in urls { bodies.append(try await client.get(url)) }
            return bodies
        }
        """
        let report = try TestSupport.check(source, exercise: "fetch-all")
        XCTAssertEqual(report.verdict, .fail)
        XCTAssertEqual(report.categories["concurrency"]?.passed, 0)
        let failing = try XCTUnwrap(report.tests.first { $0.status == .fail })
        XCTAssertTrue(failing.output?.contains("Executed 8 tests") ?? false, "the learner's output is kept and shown on failure")
    }

    func testADoubleResumeIsACrashNamingTheTest() throws {
        let source = header + """
        func fetchAll(_ urls: [URL], client: some HTTPClient) async throws -> [Data] {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                continuation.resume()
                continuation.resume()
            }
            return []
        }
        """
        let report = try TestSupport.check(source, exercise: "fetch-all")
        XCTAssertEqual(report.verdict, .crash)
        let crashed = try XCTUnwrap(report.tests.first { $0.status == .crash })
        XCTAssertEqual(crashed.name, "test_correctness_bodiesInInputOrder")
        XCTAssertTrue(crashed.message.contains("SIGILL") || crashed.message.contains("SIGTRAP"), crashed.message)
        XCTAssertTrue(report.failureDetail?.contains("MISUSE") ?? false, report.failureDetail ?? "")
        XCTAssertTrue(report.tests.allSatisfy { $0.status == .crash }, "each test is run again after a crash, and each crashes")
    }

    func testAContinuationNeverResumedIsReportedAsNeverFinished() throws {
        let source = header + """
        func fetchAll(_ urls: [URL], client: some HTTPClient) async throws -> [Data] {
            await withCheckedContinuation { (_: CheckedContinuation<Void, Never>) in }
            return []
        }
        """
        let report = try TestSupport.check(source, exercise: "fetch-all")
        XCTAssertEqual(report.verdict, .fail)
        XCTAssertTrue(report.tests.allSatisfy { $0.status == .fail })
        XCTAssertTrue(report.tests[0].message.contains("never finished"), report.tests[0].message)
    }

    func testABlockedThreadIsATimeoutNamingTheTest() throws {
        let source = header + """
        func fetchAll(_ urls: [URL], client: some HTTPClient) async throws -> [Data] {
            while true {}
        }
        """
        let report = try TestSupport.check(source, exercise: "fetch-all", timeLimit: 2)
        XCTAssertEqual(report.verdict, .timeout)
        XCTAssertEqual(report.tests.first { $0.status == .timeout }?.name, "test_correctness_bodiesInInputOrder")

        // The checklist claims nothing about tests that never ran.
        let items = Dictionary(uniqueKeysWithValues: report.checklist.map { ($0.id, $0) })
        // (fetch-all has no race tests, so races rests on the compiler and the review alone.)
        for id: Report.ChecklistItem.ID in [.concurrency, .errorSemantics, .resources] {
            XCTAssertEqual(items[id]?.status, .notApplicable, "\(id): \(items[id]?.note ?? "")")
            XCTAssertTrue(items[id]?.note.hasPrefix("not checked") ?? false, "\(id): \(items[id]?.note ?? "")")
        }
        XCTAssertEqual(items[.latency]?.note, "not measured: the test that times it did not finish.")
    }

    func testExitingEarlyIsNeverAPass() throws {
        let source = header + """
        func fetchAll(_ urls: [URL], client: some HTTPClient) async throws -> [Data] {
            exit(0)
        }
        """
        let report = try TestSupport.check(source, exercise: "fetch-all")
        XCTAssertEqual(report.verdict, .crash)
        XCTAssertTrue(report.failureDetail?.contains("exited early") ?? false, report.failureDetail ?? "")
    }

    func testACompileErrorPointsAtTheLearnersLine() throws {
        let source = header + """
        func fetchAll(_ urls: [URL], client: some HTTPClient) async throws -> [Data] {
            let x: Int = "nope"
            return []
        }
        """
        let report = try TestSupport.check(source, exercise: "fetch-all")
        XCTAssertEqual(report.verdict, .compileError)
        XCTAssertEqual(report.diagnostics.first?.line, 4)
        XCTAssertTrue(report.tests.allSatisfy { $0.status == .notRun })
    }

    func testAWrongSignatureSaysSoWithoutShowingTheSuite() throws {
        let source = header + "func fetchAll(_ urls: [URL]) async throws -> [Data] { [] }\n"
        let report = try TestSupport.check(source, exercise: "fetch-all")
        XCTAssertEqual(report.verdict, .compileError)
        let message = try XCTUnwrap(report.diagnostics.first?.message)
        XCTAssertTrue(message.contains("the hidden tests use `fetchAll(_:client:)`"), message)
        XCTAssertTrue(message.contains("Keep the starter's declaration (line"), message)
        XCTAssertFalse(message.contains("Tests.swift"))
    }

    func testTheSameCheckGivesTheSameReportFiftyTimes() throws {
        let exercise = try TestSupport.exercise("fetch-all")
        let checker = try TestSupport.checker()
        for file in [exercise.referenceFile, exercise.starterFile] {
            var first: Report?
            for _ in 0..<50 {
                var report = try checker.check(exercise, file: file, displayPath: file.lastPathComponent)
                report.timing = .init(compileSeconds: 0, runSeconds: 0)
                if let first {
                    XCTAssertEqual(report, first)
                } else {
                    first = report
                }
            }
        }
    }
}
