import XCTest
@testable import AsynclingsCore

/// The practice list's menu: arrows and j/k move within bounds, digits jump, Enter opens.
final class ExercisePickerTests: XCTestCase {
    private let numbers = Array(1...19)

    func testArrowsMoveWithinTheListAndEnterOpens() {
        var picker = ExercisePicker(numbers: numbers, current: 2)
        XCTAssertEqual(picker.handle(.up), .stay)
        XCTAssertEqual(picker.handle(.up), .stay)
        XCTAssertEqual(picker.cursor, 0, "the cursor stops at the top")
        XCTAssertEqual(picker.handle(.down), .stay)
        XCTAssertEqual(picker.handle(.character("j")), .stay)
        XCTAssertEqual(picker.handle(.enter), .open(3))
    }

    func testDigitsJumpToTheExerciseWithThatNumber() {
        var picker = ExercisePicker(numbers: numbers, current: 1)
        _ = picker.handle(.character("1"))
        _ = picker.handle(.character("2"))
        XCTAssertEqual(picker.handle(.enter), .open(12))
        _ = picker.handle(.character("7"))
        XCTAssertEqual(picker.handle(.enter), .open(7), "no exercise 127, so 7 starts anew")
        _ = picker.handle(.character("9"))
        _ = picker.handle(.character("9"))
        XCTAssertEqual(picker.handle(.enter), .open(9))
    }

    func testEscapeOrQGoesBack() {
        var picker = ExercisePicker(numbers: numbers, current: 19)
        XCTAssertEqual(picker.handle(.down), .stay)
        XCTAssertEqual(picker.cursor, 18, "the cursor stops at the bottom")
        XCTAssertEqual(picker.handle(.back), .cancel)
        XCTAssertEqual(picker.handle(.character("q")), .cancel)
    }
}
