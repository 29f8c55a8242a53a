import Foundation
import Synchronization
import XCTest
@testable import AsynclingsCore

/// Practice off a terminal: the current exercise is printed, then typed commands are read
/// line by line until `quit` or the end of the input.
final class PracticeLinesTests: XCTestCase {
    func testTypedCommandsCheckHintOpenAndQuit() throws {
        let folder = TestSupport.temporaryFolder()
        let script = Mutex(["hint", "check", "what", "open 2", "checklist", "quit", "hint"])
        var (context, output) = TestSupport.context(cwd: folder)
        context.readLine = { script.withLock { $0.isEmpty ? nil : $0.removeFirst() } }

        XCTAssertEqual(App.main([], context: context), 0)
        let out = output.out
        XCTAssertTrue(out.contains("Edit practice/fetch-all.swift"), out)
        XCTAssertTrue(out.contains("Hint 1 of"), out)
        XCTAssertTrue(out.contains("fetch-all — Fetch all of these URLs  FAIL"), out)
        XCTAssertTrue(out.contains(PracticeLines.commands), "an unknown word lists the commands")
        XCTAssertTrue(out.contains("Exercise 2: fetch-all-settled"), out)
        XCTAssertTrue(out.contains("No check yet"), out)
        XCTAssertEqual(out.components(separatedBy: "Hint 1 of").count, 2, "nothing is read after quit")

        let state = StateStore(folder: folder.appendingPathComponent("practice/.asynclings"), warn: { _ in }, now: Date.init).load()
        XCTAssertEqual(state.current, "fetch-all-settled")
        XCTAssertEqual(state.exercises["fetch-all"]?.attempts ?? 0, 0, "the untouched starter's check is not an attempt")
    }
}
