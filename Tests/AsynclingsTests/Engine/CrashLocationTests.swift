import Foundation
import XCTest
@testable import AsynclingsCore

/// A crash names the learner's function and line: the harness records the crashing thread's
/// addresses on the results channel, and the tutor symbolicates them against the test binary.
final class CrashLocationTests: XCTestCase {
    private let indexOutOfRange = """
        import Foundation
        import InterviewKit

        // Intent: start every request at once, keep the order, and throw the first failure.

        /// Fetches every URL and returns the bodies in the order of `urls`.
        func fetchAll(_ urls: [URL], client: some HTTPClient) async throws -> [Data] {
            var bodies: [Data] = []
            for index in 0...urls.count {
                bodies.append(try await client.get(urls[index]))
            }
            return bodies
        }
        """

    func testAnIndexOutOfRangeNamesTheLearnersFunctionAndLine() throws {
        let report = try TestSupport.check(indexOutOfRange, exercise: "fetch-all")
        XCTAssertEqual(report.verdict, .crash)
        let crashed = report.tests.filter { $0.status == .crash }
        XCTAssertFalse(crashed.isEmpty)
        for test in crashed {
            XCTAssertTrue(test.message.contains("It crashed in fetchAll(_:client:) at line 10 of your file."), test.message)
        }
        XCTAssertTrue(report.failureDetail?.contains("It crashed in fetchAll(_:client:) at line 10 of your file.") == true, report.failureDetail ?? "")
        XCTAssertFalse(report.failureDetail?.contains("private results channel") == true, "the crash line was taken for a forged one")
    }

    func testAForceUnwrapInAChildTaskNamesTheClosureAndLine() throws {
        let source = """
            import Foundation
            import InterviewKit

            // Intent: start every request at once, keep the order, and throw the first failure.

            /// Fetches every URL and returns the bodies in the order of `urls`.
            func fetchAll(_ urls: [URL], client: some HTTPClient) async throws -> [Data] {
                try await withThrowingTaskGroup(of: (Int, Data).self) { group in
                    for (index, url) in urls.enumerated() {
                        group.addTask {
                            let body = try await client.get(url)
                            let limit: Int? = body.count > 1_000_000 ? 1 : nil
                            return (index, body.prefix(limit!))
                        }
                    }
                    var bodies = [Data](repeating: Data(), count: urls.count)
                    for try await (index, body) in group { bodies[index] = body }
                    return bodies
                }
            }
            """
        let report = try TestSupport.check(source, exercise: "fetch-all")
        XCTAssertEqual(report.verdict, .crash)
        XCTAssertTrue(report.failureDetail?.contains("It crashed in a closure in fetchAll(_:client:) at line 13 of your file.") == true, report.failureDetail ?? "")
    }

    func testRunawayRecursionNamesTheRecursiveFunction() throws {
        let source = """
            import Foundation
            import InterviewKit

            // Intent: start every request at once, keep the order, and throw the first failure.

            func depth(_ n: Int) -> Int {
                n == Int.min ? 0 : depth(n + 1) + 1
            }

            /// Fetches every URL and returns the bodies in the order of `urls`.
            func fetchAll(_ urls: [URL], client: some HTTPClient) async throws -> [Data] {
                var bodies: [Data] = []
                for url in urls { bodies.append(try await client.get(url)) }
                if urls.count > 2 { _ = depth(0) }
                return bodies
            }
            """
        let report = try TestSupport.check(source, exercise: "fetch-all")
        XCTAssertEqual(report.verdict, .crash)
        XCTAssertTrue(report.failureDetail?.contains("SIGSEGV") == true, report.failureDetail ?? "")
        XCTAssertTrue(report.failureDetail?.contains("It crashed in depth(_:)") == true, report.failureDetail ?? "")
    }

    func testDemangledNamesReadAsTheLearnerWroteThem() {
        XCTAssertEqual(CrashLocation.readable("fetchAll<A>(_:client:)"), "fetchAll(_:client:)")
        XCTAssertEqual(CrashLocation.readable("closure #1 in closure #1 in fetchAll<A>(_:client:)"), "a closure in fetchAll(_:client:)")
        XCTAssertEqual(CrashLocation.readable("(1) await resume partial function for fetchAll<A>(_:client:)"), "fetchAll(_:client:)")
        XCTAssertEqual(CrashLocation.Frame(function: "f()", line: 0).sentence, "in f() in your file")
    }
}
