import XCTest
@testable import AsynclingsCore

final class ArgumentsTests: XCTestCase {
    func testParsesCommandNameAndOptions() throws {
        let arguments = try Arguments(["run", "fetch-all", "--file", "a b.swift", "--json", "--no-color"])
        XCTAssertEqual(arguments.command, "run")
        XCTAssertEqual(arguments.positional, ["fetch-all"])
        XCTAssertEqual(arguments.file, "a b.swift")
        XCTAssertTrue(arguments.json)
        XCTAssertTrue(arguments.noColor)
    }

    func testUnknownCommandSuggestsTheClosest() {
        XCTAssertThrowsError(try Arguments(["lsit"])) { error in
            let error = error as! AsynclingsError
            XCTAssertEqual(error.exitCode, 2)
            XCTAssertTrue(error.message.contains("list"), error.message)
        }
    }

    func testOptionWithoutValueIsAUsageError() {
        XCTAssertThrowsError(try Arguments(["run", "fetch-all", "--file"])) { error in
            XCTAssertEqual((error as! AsynclingsError).exitCode, 2)
        }
        XCTAssertThrowsError(try Arguments(["interview", "--minutes", "zero"]))
    }

    func testExtraNamesAreUsageErrors() {
        for words in [["list", "extra"], ["run", "1", "2"], ["verify", "all"], ["review", "1", "2"]] {
            XCTAssertThrowsError(try Arguments(words), "\(words)") { error in
                XCTAssertEqual((error as! AsynclingsError).exitCode, 2)
            }
        }
        XCTAssertNoThrow(try Arguments(["review"]))
        XCTAssertNoThrow(try Arguments(["interview", "3"]))
    }

    func testHelpOnAnUnknownTopicAndANumberOutOfRangeAreUsageErrors() throws {
        let (context, output) = TestSupport.context(cwd: TestSupport.temporaryFolder())
        XCTAssertEqual(App.main(["help", "bogus"], context: context), 2)
        XCTAssertTrue(output.err.contains("no command \"bogus\""), output.err)
        XCTAssertEqual(App.main(["hint", "20"], context: context), 2)
        XCTAssertTrue(output.err.contains("numbered 1 to 19"), output.err)
    }

    func testNameSuggestionsFindNearMisses() {
        let names = ["fetch-all", "fetch-all-settled", "fetch-with-timeout", "rate-limiter"]
        XCTAssertEqual(NameSuggestions.closest(to: "fetch-al", among: names).first, "fetch-all")
        XCTAssertEqual(NameSuggestions.closest(to: "rate-limitter", among: names), ["rate-limiter"])
        XCTAssertEqual(NameSuggestions.closest(to: "zzzzzz", among: names), [])
    }

    func testUnknownExerciseIsExitTwoWithSuggestion() throws {
        let catalog = try TestSupport.catalog
        XCTAssertThrowsError(try catalog.exercise(named: "fetch-al")) { error in
            let error = error as! AsynclingsError
            XCTAssertEqual(error.exitCode, 2)
            XCTAssertTrue(error.message.contains("did you mean fetch-all") || error.message.contains("Did you mean fetch-all"), error.message)
        }
        XCTAssertEqual(try catalog.exercise(named: "1").name, "fetch-all")
    }
}
