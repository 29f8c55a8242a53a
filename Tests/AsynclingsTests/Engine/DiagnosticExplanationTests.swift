import Foundation
import XCTest
@testable import AsynclingsCore

/// Every explained concurrency error, triggered by a real answer to fetch-all through the
/// whole check: the report keeps the compiler's excerpt and caret and adds the explanation.
final class DiagnosticExplanationTests: XCTestCase {
    /// The starter's signature around a body that triggers one error.
    private func answer(_ declarations: String = "", body: String) -> String {
        """
        import Foundation
        import InterviewKit

        // Intent: start every request at once, keep the order, and throw the first failure.
        \(declarations)
        func fetchAll(_ urls: [URL], client: some HTTPClient) async throws -> [Data] {
        \(body)
        }
        """
    }

    /// One answer for each entry of the table, by the entry's first phrase.
    private var answers: [String: String] {
        [
            "passing closure as a 'sending' parameter risks causing data races": answer(body: """
                var bodies = [Data?](repeating: nil, count: urls.count)
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for (index, url) in urls.enumerated() {
                        group.addTask { bodies[index] = try await client.get(url) }
                    }
                    try await group.waitForAll()
                }
                return bodies.compactMap { $0 }
            """),
            "mutation of captured var": answer(body: """
                var started = 0
                let tasks = urls.map { url in Task { @Sendable in started += 1; return try await client.get(url) } }
                var bodies: [Data] = []
                for task in tasks { bodies.append(try await task.value) }
                return bodies
            """),
            "reference to captured var": answer(body: """
                var label = "fetch"
                label += "ing"
                let tasks = urls.map { url in Task { @Sendable in print(label); return try await client.get(url) } }
                var bodies: [Data] = []
                for task in tasks { bodies.append(try await task.value) }
                return bodies
            """),
            "non-Sendable": answer("""
                final class Results { var bodies: [Data] = [] }
                actor Collector {
                    let results = Results()
                    func add(_ body: Data) { results.bodies.append(body) }
                    func all() -> Results { results }
                }
                """, body: """
                let collector = Collector()
                for url in urls { await collector.add(try await client.get(url)) }
                return await collector.all().bodies
            """),
            "with non-Sendable type": answer("""
                final class Results { var bodies: [Data] = [] }
                """, body: """
                let results = Results()
                let tasks = urls.map { url in Task { @Sendable in results.bodies.append(try await client.get(url)) } }
                for task in tasks { try await task.value }
                return results.bodies
            """),
            "main actor-isolated": answer("""
                @MainActor final class Progress { var finished = 0 }
                """, body: """
                let progress = await Progress()
                var bodies: [Data] = []
                for url in urls {
                    bodies.append(try await client.get(url))
                    progress.finished += 1
                }
                return bodies
            """),
            "actor-isolated": answer("""
                actor Store { var bodies: [Data] = [] }
                """, body: """
                let store = Store()
                for url in urls { store.bodies.append(try await client.get(url)) }
                return await store.bodies
            """),
            "risks causing data races": answer("""
                final class Results { var bodies: [Data] = [] }
                actor Sink { func keep(_ results: Results) {} }
                """, body: """
                let results = Results()
                await Sink().keep(results)
                for url in urls { results.bodies.append(try await client.get(url)) }
                return results.bodies
            """),
            "is not concurrency-safe because it is nonisolated global shared mutable state": answer("""
                var requestsMade = 0
                """, body: """
                var bodies: [Data] = []
                for url in urls {
                    requestsMade += 1
                    bodies.append(try await client.get(url))
                }
                return bodies
            """),
            "expression is 'async' but is not marked with 'await'": answer(body: """
                var bodies: [Data] = []
                for url in urls { bodies.append(try client.get(url)) }
                return bodies
            """),
        ]
    }

    func testEveryExplainedErrorIsTriggeredByARealAnswerAndShownWithItsCaret() throws {
        let answers = answers
        for entry in DiagnosticExplanation.table {
            let key = try XCTUnwrap(answers.keys.first { entry.phrases[0].hasPrefix($0) }, "no answer triggers \(entry.phrases)")
            let report = try TestSupport.check(answers[key]!, exercise: "fetch-all")
            XCTAssertEqual(report.verdict, .compileError, key)
            let explained = report.diagnostics.filter { $0.explanation == entry.text }
            XCTAssertFalse(explained.isEmpty, "\(key): \(report.diagnostics.map(\.message))")
            guard let diagnostic = explained.first else { continue }
            XCTAssertTrue(entry.phrases.allSatisfy(diagnostic.message.contains), diagnostic.message)
            let excerpt = try XCTUnwrap(diagnostic.excerpt, key)
            let lines = excerpt.split(separator: "\n").map(String.init)
            XCTAssertEqual(lines.count, 2, excerpt)
            let source = answers[key]!.split(separator: "\n", omittingEmptySubsequences: false)[diagnostic.line - 1]
            XCTAssertEqual(lines[0], String(source), key)
            XCTAssertEqual(lines[1].firstIndex(of: "^").map { lines[1].distance(from: lines[1].startIndex, to: $0) }, diagnostic.column - 1, excerpt)
            let text = ReportRenderer(style: Style(color: false), width: 100).render(report, title: "t")
            let shown = ReportRenderer.excerptLines(excerpt, column: diagnostic.column, width: 96).map { "    " + $0 }
            XCTAssertTrue(shown[1].contains("^"), excerpt)
            XCTAssertTrue(text.contains(shown.joined(separator: "\n")), text)
            XCTAssertTrue(text.contains(Style.wrapped(entry.text, indent: 4, width: 100)), text)
        }
    }

    func testTheCaretLineIsShownUnderTheMessageAndStaysUnderItsColumnWhenCut() throws {
        let diagnostic = Report.Diagnostic(
            line: 3, column: 15, severity: "error", message: "something is wrong",
            excerpt: "        let x = compute(value)\n              ^")
        var report = Checker.notCompiled(Report(
            exercise: "fetch-all", file: "answer.swift", verdict: .fail, interviewReady: false, categories: [:],
            tests: [], checklist: [], review: [], latency: nil, diagnostics: [diagnostic],
            timing: .init(compileSeconds: 0, runSeconds: 0)), tests: [])
        report.diagnostics = [diagnostic]
        let lines = ReportRenderer(style: Style(color: false), width: 80).diagnosticLines(report)
        XCTAssertEqual(Array(lines.suffix(2)), ["    let x = compute(value)", "          ^"])
        let cut = ReportRenderer.excerptLines(String(repeating: "a", count: 200) + "\n" + String(repeating: " ", count: 150) + "^", column: 151, width: 40)
        XCTAssertEqual(cut.map(\.count), [40, 21])
        XCTAssertEqual(cut[1].last, "^")
        let json = String(decoding: try JSONEncoder().encode(diagnostic), as: UTF8.self)
        XCTAssertTrue(json.contains("\"excerpt\""), json)
        XCTAssertFalse(String(decoding: try JSONEncoder().encode(Report.Diagnostic(line: 1, column: 1, severity: "error", message: "m")), as: UTF8.self).contains("excerpt"))
    }

    func testExcerptsOfOtherFilesAndFixItLinesAreNotKept() {
        let log = """
        /run/answer.swift:1:8: warning: module 'Foundation' was not compiled with library evolution support; using it means binary compatibility for 'Solution' can't be guaranteed
        import Foundation
               ^
        /run/answer.swift:5:5: error: var 'n' is not concurrency-safe because it is nonisolated global shared mutable state [#MutableGlobalVariable]
        var n = 0
            ^
        /run/answer.swift:5:5: note: convert 'n' to a 'let' constant to make 'Sendable' shared state immutable
        var n = 0
        ~~~ ^
        let
        Swift.Optional:1:21: note: generic enum 'Optional' does not conform to the 'Sendable' protocol
        @frozen public enum Optional<Wrapped> {
                            ^
        """
        let diagnostics = CompilerOutput(log: log, learnerPath: "/run/answer.swift", suitePath: "").diagnostics
        XCTAssertEqual(diagnostics.count, 2)
        XCTAssertEqual(diagnostics[0].excerpt, "var n = 0\n    ^")
        XCTAssertNotNil(diagnostics[0].explanation)
        XCTAssertEqual(diagnostics[1].excerpt, "var n = 0\n~~~ ^")
        XCTAssertNil(diagnostics[1].explanation)
    }
}
