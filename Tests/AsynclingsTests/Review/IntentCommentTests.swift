import XCTest
@testable import AsynclingsCore

final class IntentCommentTests: XCTestCase {
    func test_extract_joinsTheFollowingCommentLines() {
        let source = #"""
            import Foundation

            // Intent: the requests are independent, so I start them all at once
            // in a throwing task group.
            //
            // Each child returns its index, so order is kept.

            /// Fetches every URL.
            func fetchAll() {}
            """#
        XCTAssertEqual(
            IntentComment.extract(source),
            "the requests are independent, so I start them all at once in a throwing task group. Each child returns its index, so order is kept.")
    }

    func test_extract_stopsAtCodeDocCommentsAndTrailingComments() {
        let source = #"""
            // intent: run them together
            /// Documentation, not intent.
            func f() {}
            // INTENT:   keep order
            let x = 1 // not part of it
            """#
        XCTAssertEqual(IntentComment.extract(source), "run them together")
        XCTAssertEqual(IntentComment.extract("//Intent:keep order\nlet x = 1 // trailing"), "keep order")
    }

    func test_extract_placeholderEmptyAndMissingAreNil() {
        XCTAssertNil(IntentComment.extract("// Intent: (say in a sentence or two why your code has the shape it has)\nfunc f() {}"))
        XCTAssertNil(IntentComment.extract("// Intent:\nfunc f() {}"))
        XCTAssertNil(IntentComment.extract("// Intent:   \n//\nfunc f() {}"))
        XCTAssertNil(IntentComment.extract("func f() {}\n// a comment about intent, but no label"))
        XCTAssertNil(IntentComment.extract(""))
    }

    func test_extract_ignoresIntentInsideStringsAndBlockComments() {
        XCTAssertNil(IntentComment.extract(#"let s = "// Intent: run in parallel""#))
        XCTAssertNil(IntentComment.extract("let s = \"\"\"\n// Intent: run in parallel\n\"\"\""))
        XCTAssertNil(IntentComment.extract("/*\n// Intent: run in parallel\n*/"))
    }

    func test_extract_aParenthesisedRealAnswerIsNotAPlaceholderUnlessWrapped() {
        XCTAssertEqual(IntentComment.extract("// Intent: (a) start all at once, then (b) keep order"),
                       "(a) start all at once, then (b) keep order")
    }

    private let fetchAllConcepts: [(id: String, words: [String])] = [
        (id: "parallel", words: ["concurrent", "parallel", "at once", "task group", "async let"]),
        (id: "order", words: ["order", "index", "position"]),
        (id: "fail-fast", words: ["first failure", "fail fast", "cancel"]),
    ]

    func test_concepts_namedAndMissedInOrder() {
        let result = IntentComment.concepts(named: "I start them all AT ONCE in a Task Group and keep the ORDER.", concepts: fetchAllConcepts)
        XCTAssertEqual(result.named, ["parallel", "order"])
        XCTAssertEqual(result.missed, ["fail-fast"])
    }

    func test_concepts_substringsCountAndEmptyTextMissesAll() {
        let result = IntentComment.concepts(named: "the siblings are cancelled", concepts: fetchAllConcepts)
        XCTAssertEqual(result.named, ["fail-fast"])
        XCTAssertEqual(result.missed, ["parallel", "order"])
        let none = IntentComment.concepts(named: "", concepts: fetchAllConcepts)
        XCTAssertEqual(none.named, [])
        XCTAssertEqual(none.missed, ["parallel", "order", "fail-fast"])
        XCTAssertEqual(IntentComment.concepts(named: "anything", concepts: []).named, [])
    }
}
