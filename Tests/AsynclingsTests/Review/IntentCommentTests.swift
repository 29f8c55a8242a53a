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

    // MARK: - Matching ideas: stems, phrases, gaps

    func test_stem_foldsTheFormsOfAWord() {
        for word in ["cancel", "cancels", "cancelled", "cancelling", "canceled", "cancellation", "cancellations"] {
            XCTAssertEqual(IntentWords.stem(word), "cancel", word)
        }
        for word in ["race", "races", "racing", "raced"] { XCTAssertEqual(IntentWords.stem(word), "rac", word) }
        for word in ["retry", "retries", "retried", "retrying"] { XCTAssertEqual(IntentWords.stem(word), "retri", word) }
        XCTAssertEqual(IntentWords.stem("concurrently"), IntentWords.stem("concurrent"))
        XCTAssertEqual(IntentWords.stem("process"), IntentWords.stem("processes"))
        XCTAssertEqual(IntentWords.stem("is"), "is")
        XCTAssertEqual(IntentWords.stem("its"), "its")
    }

    func test_words_splitIdentifiersAtCaseChanges() {
        XCTAssertEqual(IntentWords.stems("cancelAll() in a TaskGroup"), ["cancel", "all", "in", "a", "task", "group"])
        XCTAssertEqual(IntentWords.stems("withTaskCancellationHandler"), ["with", "task", "cancel", "handler"])
        XCTAssertEqual(IntentWords.stems("URLSession, NotFound; I'll"), ["url", "session", "not", "found", "i", "ll"])
        XCTAssertEqual(IntentWords.read("cancelAll()").words, ["cancelall"])
        XCTAssertEqual(IntentWords.read("cancelAll()").word, [0, 0])
    }

    func test_contains_matchesPhrasesInARowAndGapsOfAtMostFourWords() {
        let stems = IntentWords.stems("as soon as one wins I cancel the slower, losing request")
        XCTAssertTrue(IntentWords.contains(stems, term: "as soon as"))
        XCTAssertTrue(IntentWords.contains(stems, term: "cancels"))
        XCTAssertTrue(IntentWords.contains(stems, term: "cancel … request"))
        XCTAssertTrue(IntentWords.contains(stems, term: "cancel ... request"))
        XCTAssertFalse(IntentWords.contains(stems, term: "soon as as"))
        XCTAssertFalse(IntentWords.contains(stems, term: "request … cancel"))
        XCTAssertFalse(IntentWords.contains(stems, term: "one … request"), "seven words apart")
        XCTAssertFalse(IntentWords.contains(stems, term: ""))
        XCTAssertFalse(IntentWords.contains(stems, term: "…"))
    }

    private let fetchAllConcepts: [Exercise.Concept] = [
        .init(id: "parallel", label: "the requests run concurrently", words: ["concurrent", "parallel", "at once", "task group", "async let"]),
        .init(id: "order", label: "results keep the input order", words: ["order", "index", "position"]),
        .init(id: "fail-fast", label: "the first failure is thrown and the rest cancelled", words: ["first failure", "fail fast", "cancel"]),
    ]

    func test_isPlan_wantsASentenceAroundTheKeywords() {
        for plan in [
            "I race the request against a timer and cancel the loser.",
            "race the request against a timer, then cancel whichever loses",
            "use a task group, keep the order by index, and cancel on the first error",
            "Sign in first, then load both in parallel with async let.",
        ] {
            XCTAssertTrue(IntentComment.isPlan(plan, concepts: fetchAllConcepts), plan)
        }
        for list in [
            "race cancel task group",
            "race, timer, cancel loser, task group, structured, caller",
            "parallel task group, order by index, fail fast, cancel at once",
            "concurrent: at once; in order; on the first failure, cancel",
            "the task group and the order and the cancel",
            "",
        ] {
            XCTAssertFalse(IntentComment.isPlan(list, concepts: fetchAllConcepts), list)
        }
    }

    func test_concepts_namedAndMissedInOrder() {
        let result = IntentComment.concepts(named: "I start them all AT ONCE in a Task Group and keep the ORDER.", concepts: fetchAllConcepts)
        XCTAssertEqual(result.named, ["parallel", "order"])
        XCTAssertEqual(result.missed, ["fail-fast"])
    }

    func test_concepts_anyFormOfAWordCountsButAListOfKeywordsNamesNothing() {
        let result = IntentComment.concepts(named: "when one request fails, the siblings are cancelled at once", concepts: fetchAllConcepts)
        XCTAssertEqual(result.named, ["parallel", "fail-fast"])
        XCTAssertEqual(result.missed, ["order"])
        let bag = IntentComment.concepts(named: "parallel task group order index cancel", concepts: fetchAllConcepts)
        XCTAssertEqual(bag.named, [])
        XCTAssertEqual(bag.missed, ["parallel", "order", "fail-fast"])
        XCTAssertEqual(IntentComment.concepts(named: "", concepts: fetchAllConcepts).named, [])
        XCTAssertEqual(IntentComment.concepts(named: "I keep it simple and small here", concepts: []).named, [])
    }
}
