import Foundation
import XCTest
@testable import AsynclingsCore

/// Answers that misbehave in every way still get an honest verdict, within the time limit,
/// and leave the tutor, the learner's file and the harness cache intact.
final class HostileAnswerTests: XCTestCase {
    private let header = "import Foundation\nimport InterviewKit\n"
    private let parallelBody = """
        return try await withThrowingTaskGroup(of: (Int, Data).self) { group in
            for (index, url) in urls.enumerated() { group.addTask { (index, try await client.get(url)) } }
            var bodies = [Data?](repeating: nil, count: urls.count)
            for try await (index, body) in group { bodies[index] = body }
            return bodies.map { $0! }
        }
    """

    func testFloodingOutputIsCappedAndTheReportIntact() throws {
        let source = header + """
        func fetchAll(_ urls: [URL], client: some HTTPClient) async throws -> [Data] {
            let line = String(repeating: "x", count: 1023)
            for _ in 0..<4096 { print(line) }
        \(parallelBody)
        }
        """
        let report = try TestSupport.check(source, exercise: "fetch-all")
        XCTAssertEqual(report.verdict, .pass, "\(report.tests.filter { $0.status != .pass })")
        XCTAssertEqual(report.tests.count, 8)
    }

    func testFatalErrorIsACrashNamingTheTestAndTheRestIsReported() throws {
        let source = header + """
        func fetchAll(_ urls: [URL], client: some HTTPClient) async throws -> [Data] {
            if urls.isEmpty { fatalError("no URLs") }
        \(parallelBody)
        }
        """
        let report = try TestSupport.check(source, exercise: "fetch-all")
        XCTAssertEqual(report.verdict, .crash)
        XCTAssertEqual(report.tests.first { $0.status == .crash }?.name, "test_correctness_emptyInput")
        XCTAssertEqual(report.tests.first?.status, .pass, "tests before the crash keep their result")
        XCTAssertTrue(report.failureDetail?.contains("no URLs") ?? false, report.failureDetail ?? "")
    }

    func testUnboundedAllocationIsStoppedByTheMemoryLimit() throws {
        let source = header + """
        func fetchAll(_ urls: [URL], client: some HTTPClient) async throws -> [Data] {
            var hoard: [[UInt8]] = []
            while true { hoard.append([UInt8](repeating: 1, count: 64 << 20)) }
        }
        """
        let report = try TestSupport.check(source, exercise: "fetch-all", timeLimit: 20)
        XCTAssertTrue(report.verdict == .crash || report.verdict == .timeout, "\(report.verdict)")
        XCTAssertNotNil(report.tests.first { $0.status == .crash || $0.status == .timeout })
    }

    func testRecursionWithoutEndIsACrash() throws {
        let source = header + """
        func dig(_ n: Int) -> Int { n == -1 ? 0 : dig(n + 1) + 1 }
        func fetchAll(_ urls: [URL], client: some HTTPClient) async throws -> [Data] {
            _ = dig(0)
            return []
        }
        """
        let report = try TestSupport.check(source, exercise: "fetch-all")
        XCTAssertEqual(report.verdict, .crash)
        XCTAssertEqual(report.tests.first { $0.status == .crash }?.name, "test_correctness_bodiesInInputOrder")
    }

    func testAnEmptyOrBinaryFileIsACompileErrorNotACrash() throws {
        let empty = try TestSupport.check("", exercise: "fetch-all")
        XCTAssertEqual(empty.verdict, .compileError)
        XCTAssertTrue(empty.diagnostics.contains { $0.message.contains("fetchAll") }, "\(empty.diagnostics)")

        var exercise = try TestSupport.exercise("fetch-all")
        exercise.timeLimitSeconds = 10
        let binary = TestSupport.temporaryFolder().appendingPathComponent("binary.swift")
        try Data([0xFF, 0xFE, 0x00, 0xC3, 0x28, 0x0A]).write(to: binary)
        let report = try TestSupport.pipeline().check(exercise, file: binary, displayPath: "binary.swift")
        XCTAssertEqual(report.verdict, .compileError)
        XCTAssertFalse(report.diagnostics.isEmpty)
    }

    func testTheLearnersFileIsNeverChangedByACheck() throws {
        let source = header + "func fetchAll(_ urls: [URL], client: some HTTPClient) async throws -> [Data] { [] }\n"
        let file = TestSupport.file(source, name: "mine ü.swift")
        _ = try TestSupport.pipeline().check(try TestSupport.exercise("fetch-all"), file: file, displayPath: "mine ü.swift")
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), source)
    }
}
