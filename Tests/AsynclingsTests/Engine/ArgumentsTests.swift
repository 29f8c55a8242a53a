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
        for words in [["list", "extra"], ["run", "1", "2"], ["verify", "1", "2"], ["review", "1", "2"]] {
            XCTAssertThrowsError(try Arguments(words), "\(words)") { error in
                XCTAssertEqual((error as! AsynclingsError).exitCode, 2)
            }
        }
        XCTAssertNoThrow(try Arguments(["review"]))
        XCTAssertNoThrow(try Arguments(["interview", "3"]))
        XCTAssertEqual(try Arguments(["verify", "fetch-all"]).positional, ["fetch-all"], "verify checks one exercise")
    }

    func testACommandRefusesOptionsItDoesNotTakeAndNamesThoseItDoes() {
        let refused: [([String], String)] = [
            (["list", "--file", "x"], "list does not take --file; list takes the option --json"),
            (["list", "--minutes", "5", "--force"], "list does not take --minutes"),
            (["hint", "fetch-all", "--minutes", "5"], "hint does not take --minutes; hint takes no options of its own"),
            (["hint", "--json"], "hint does not take --json"),
            (["show", "--manual"], "show does not take --manual"),
            (["--file", "x"], "asynclings does not take --file; practice takes the option --manual"),
        ]
        for (words, message) in refused {
            XCTAssertThrowsError(try Arguments(words), "\(words)") { error in
                let error = error as! AsynclingsError
                XCTAssertEqual(error.exitCode, 2)
                XCTAssertTrue(error.message.contains(message), error.message)
                XCTAssertTrue(error.message.contains("--workspace"), "the options every command takes are named: \(error.message)")
            }
        }
        for words in [["run", "1", "--file", "a.swift", "--json"], ["interview", "--minutes", "5", "--manual"], ["solution", "--force"],
                      ["review", "--json"], ["list", "--json", "--workspace", "w", "--catalog", "c", "--no-color"], ["--manual"], ["list", "--file", "x", "--help"]] {
            XCTAssertNoThrow(try Arguments(words), "\(words)")
        }
    }

    func testTheCommandTableDrivesHelpAndDispatch() {
        XCTAssertEqual(Arguments.commands, Command.table.map(\.name))
        XCTAssertEqual(Set(Arguments.commands).count, Arguments.commands.count, "each command once")
        for command in Command.table {
            XCTAssertTrue(HelpText.overview.contains(command.summary), command.name)
            XCTAssertTrue(HelpText.command(command.name).hasPrefix("asynclings \(command.usage)\n"), command.name)
            for option in command.options {
                XCTAssertTrue(HelpText.command(command.name).contains(option.rawValue), "\(command.name) \(option)")
            }
            XCTAssertEqual(command.run == nil, command.name == "help", "every command but help runs through the table")
        }
    }

    func testReadingProgressInAnEmptyFolderCreatesNothing() throws {
        let folder = TestSupport.temporaryFolder()
        let (context, output) = TestSupport.context(cwd: folder)
        for words in [["list"], ["list", "--json"], ["review"], ["review", "--json"], ["show", "1"]] {
            XCTAssertEqual(App.main(words, context: context), 0, "\(words): \(output.err)")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [], "reading progress wrote nothing")
    }

    func testHelpOnAnUnknownTopicAndANumberOutOfRangeAreUsageErrors() throws {
        let (context, output) = TestSupport.context(cwd: TestSupport.temporaryFolder())
        XCTAssertEqual(App.main(["help", "bogus"], context: context), 2)
        XCTAssertTrue(output.err.contains("no command \"bogus\""), output.err)
        let last = try TestSupport.catalog.exercises.map(\.number).max() ?? 0
        XCTAssertEqual(App.main(["hint", "\(last + 1)"], context: context), 2)
        XCTAssertTrue(output.err.contains("numbered 1 to \(last)"), output.err)
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
