import XCTest
@testable import AsynclingsCore

/// The checklist's intent item: what it credits, and what it tells the learner when it does not.
final class IntentChecklistTests: XCTestCase {
    private func intentItem(_ exercise: String, source: String, typed: String? = nil) throws -> Report.ChecklistItem {
        var report = Report(exercise: exercise, file: "answer.swift", verdict: .pass, interviewReady: false, categories: [:], tests: [],
                            checklist: [], review: [], latency: nil, diagnostics: [], timing: .init(compileSeconds: 0, runSeconds: 0))
        Checklist.evaluate(&report, exercise: try TestSupport.exercise(exercise), source: source, statedIntent: typed)
        return try XCTUnwrap(report.checklist.first { $0.id == .intent })
    }

    func test_aGoodPlanInOtherWordsIsMet() throws {
        let item = try intentItem("unawaited-work", source: """
            // Intent: the save is started in a Task nobody awaits; I'll await it before replying and pass errors back.
            func handle() {}
            """)
        XCTAssertEqual(item.status, .met, item.note)
    }

    func test_aListOfKeywordsIsAskedForASentenceWithAnExample() throws {
        let item = try intentItem("fetch-with-timeout", source: "// Intent: race cancel task group\nfunc f() {}")
        XCTAssertEqual(item.status, .missed)
        XCTAssertTrue(item.note.contains("list of keywords"), item.note)
        XCTAssertTrue(item.note.contains("e.g. \"// Intent: I race the request against a timer"), item.note)
    }

    func test_aMissingIdeaIsNamedWithAnExamplePhrase() throws {
        let item = try intentItem("fetch-with-timeout", source: "// Intent: I race the request against a timer in a task group.\nfunc f() {}")
        XCTAssertEqual(item.status, .missed)
        XCTAssertEqual(item.note, "your intent does not yet say: the loser is cancelled at once: the request on time-out, the timer on success (e.g. \"whichever loses is cancelled at once\").")
    }

    func test_noIntentAndThePlaceholderAskForAPlan() throws {
        let none = try intentItem("fetch-all", source: "func f() {}")
        XCTAssertEqual(none.status, .missed)
        XCTAssertTrue(none.note.hasPrefix("no `// Intent:` comment."), none.note)
        let placeholder = try intentItem("fetch-all", source: "// Intent: (say in a sentence or two why your code has the shape it has)\nfunc f() {}")
        XCTAssertTrue(placeholder.note.contains("still holds the starter's placeholder"), placeholder.note)
    }

    func test_interview_theFileIntentCountsBesideTheTypedOne() throws {
        let file = "// Intent: as soon as one of them finishes, I cancel the other.\nfunc f() {}"
        // The typed plan names two ideas; the file's comment, written later, names the third.
        let both = try intentItem("fetch-with-timeout", source: file, typed: "I race the request against a timer as two child tasks of a group.")
        XCTAssertEqual(both.status, .met, both.note)
        // A typed list of keywords credits nothing, but a plan in the file still does.
        let full = "// Intent: I race the request against a timer in a task group and cancel whichever loses.\nfunc f() {}"
        XCTAssertEqual(try intentItem("fetch-with-timeout", source: full, typed: "race cancel task group").status, .met)
        // The typed plan alone, with no comment in the file (or the starter's placeholder), is judged on its own.
        let typedOnly = try intentItem("fetch-with-timeout", source: "// Intent: (say it)\nfunc f() {}",
                                       typed: "I race the request against a timer in a task group and cancel whichever loses.")
        XCTAssertEqual(typedOnly.status, .met, typedOnly.note)
        let bagOnly = try intentItem("fetch-with-timeout", source: "func f() {}", typed: "race cancel task group")
        XCTAssertTrue(bagOnly.note.contains("list of keywords"), bagOnly.note)
    }
}
