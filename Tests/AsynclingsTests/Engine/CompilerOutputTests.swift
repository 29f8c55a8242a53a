import XCTest
@testable import AsynclingsCore

final class CompilerOutputTests: XCTestCase {
    func testLearnerDiagnosticsKeepTheirPlaceAndSuiteErrorsStayHidden() {
        let log = """
        /tmp/my answer.swift:4:16: error: cannot convert value of type 'String' to specified type 'Int'
          var x: Int = "a"
                       ^~~
        /tmp/my answer.swift:7:21: warning: initialization of immutable value 'y' was never used [#no-usage]
        /cat/Tests.swift:14:99: error: extra argument 'client' in call
        /cat/Tests.swift:23:65: error: extra argument 'client' in call
        """
        let output = CompilerOutput(log: log, learnerPath: "/tmp/my answer.swift", suitePath: "/cat/Tests.swift")
        XCTAssertEqual(output.diagnostics.count, 3)
        XCTAssertEqual(output.diagnostics[0], .init(line: 4, column: 16, severity: "error", message: "cannot convert value of type 'String' to specified type 'Int'", excerpt: "  var x: Int = \"a\"\n               ^~~"))
        XCTAssertEqual(output.diagnostics[1].message, "initialization of immutable value 'y' was never used")
        XCTAssertEqual(output.diagnostics[2].line, 0)
        XCTAssertFalse(output.diagnostics[2].message.contains("Tests.swift"))
        XCTAssertTrue(output.diagnostics[2].message.contains("extra argument 'client'"))
    }

    func testEntryPointListsTestsInOrderWithCategories() throws {
        let source = """
        final class FooTests: XCTestCase {
            func test_concurrency_a() throws {}
            private func helper() {}
            func test_errors_b() {}
        }
        """
        let entry = try SuiteEntryPoint(suiteSource: source)
        XCTAssertEqual(entry.className, "FooTests")
        XCTAssertEqual(entry.tests, ["test_concurrency_a", "test_errors_b"])
        XCTAssertEqual(SuiteEntryPoint.category(of: "test_errors_b"), "errors")
        XCTAssertTrue(entry.source.contains("runHiddenSuite"))
    }
}
