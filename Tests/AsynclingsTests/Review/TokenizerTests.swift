import XCTest
@testable import AsynclingsCore

final class TokenizerTests: XCTestCase {
    private func texts(_ source: String) -> [String] {
        SwiftTokenizer.tokenize(source).map(\.text)
    }

    private func tokens(_ source: String, kind: SwiftToken.Kind) -> [SwiftToken] {
        SwiftTokenizer.tokenize(source).filter { $0.kind == kind }
    }

    func test_identifiersKeywordsAndPunctuation() {
        let source = "for try await (i, x) in group { sum += x }"
        XCTAssertEqual(texts(source), ["for", "try", "await", "(", "i", ",", "x", ")", "in", "group", "{", "sum", "+=", "x", "}"])
        let kinds = SwiftTokenizer.tokenize(source).map(\.kind)
        XCTAssertEqual(kinds.first, .identifier)
        XCTAssertEqual(kinds[3], .punctuation)
        XCTAssertEqual(kinds[12], .operator)
    }

    func test_numbersAndRanges() {
        XCTAssertEqual(texts("0..<n"), ["0", "..<", "n"])
        XCTAssertEqual(texts("1...3"), ["1", "...", "3"])
        XCTAssertEqual(texts("x = 1.5 + 0x1F + 1_000"), ["x", "=", "1.5", "+", "0x1F", "+", "1_000"])
        XCTAssertEqual(tokens("let a = 42", kind: .number).map(\.text), ["42"])
    }

    func test_operatorsAndPostfixMarks() {
        XCTAssertEqual(texts("let d = try? await f()"), ["let", "d", "=", "try", "?", "await", "f", "(", ")"])
        XCTAssertEqual(texts("a ?? b"), ["a", "??", "b"])
        XCTAssertEqual(texts("x?.y!"), ["x", "?", ".", "y", "!"])
        XCTAssertEqual(texts("func f() -> Int"), ["func", "f", "(", ")", "->", "Int"])
        XCTAssertEqual(texts("a != b"), ["a", "!=", "b"])
        XCTAssertEqual(texts("a/b"), ["a", "/", "b"])
    }

    func test_attributesAndPoundDirectives() {
        let source = "final class Box: @unchecked Sendable {}\nlet f: @Sendable () -> Void\n#if DEBUG\n#endif"
        XCTAssertEqual(tokens(source, kind: .attribute).map(\.text), ["@unchecked", "@Sendable"])
        XCTAssertEqual(tokens(source, kind: .pound).map(\.text), ["#if", "#endif"])
        XCTAssertEqual(tokens(source, kind: .attribute).map(\.line), [1, 2])
    }

    func test_backtickIdentifierIsOneIdentifier() {
        XCTAssertEqual(texts("let `await` = 1"), ["let", "`await`", "=", "1"])
    }

    func test_lineAndDocComments() {
        let source = "let a = 1 // trailing await\n/// doc Task { }\nlet b = 2"
        let comments = tokens(source, kind: .comment)
        XCTAssertEqual(comments.map(\.text), ["// trailing await", "/// doc Task { }"])
        XCTAssertEqual(comments.map(\.line), [1, 2])
        XCTAssertEqual(SwiftTokenizer.tokenize(source).last?.line, 3)
    }

    func test_nestedBlockCommentIsOneTokenAndCountsLines() {
        let source = "a\n/* outer /* inner\n await */ still comment\n Task { } */\nb"
        let all = SwiftTokenizer.tokenize(source)
        XCTAssertEqual(all.map(\.kind), [.identifier, .comment, .identifier])
        XCTAssertEqual(all.map(\.line), [1, 2, 5])
    }

    func test_plainStringWithEscapesAndComments() {
        let source = #"let s = "say \"hi\" // not a comment" + x"#
        XCTAssertEqual(texts(source), ["let", "s", "=", #""say \"hi\" // not a comment""#, "+", "x"])
    }

    func test_interpolationStaysInsideTheStringToken() {
        let source = #"let s = "a \(f("b)", g(1))) c" ; Task"#
        let all = SwiftTokenizer.tokenize(source)
        XCTAssertEqual(all.filter { $0.kind == .string }.map(\.text), [#""a \(f("b)", g(1))) c""#])
        XCTAssertEqual(all.last?.text, "Task")
    }

    func test_multiLineStringIsOneTokenAndLinesContinueAfterIt() {
        let source = "let s = \"\"\"\n    await x \"quoted\"\n    for i in 0..<3 { }\n    \"\"\"\nlet after = 1"
        let all = SwiftTokenizer.tokenize(source)
        XCTAssertEqual(all.filter { $0.kind == .string }.count, 1)
        XCTAssertEqual(all.first { $0.text == "after" }?.line, 5)
        XCTAssertFalse(all.contains { $0.text == "await" })
    }

    func test_rawStrings() {
        let single = ##"let r = #"a "quoted" \(not) here"# ; next"##
        XCTAssertEqual(tokens(single, kind: .string).map(\.text), [##"#"a "quoted" \(not) here"#"##])
        XCTAssertEqual(texts(single).last, "next")

        let multi = "let r = #\"\"\"\n  has \"\"\" inside\n  \"\"\"#\nlet z = 0"
        let all = SwiftTokenizer.tokenize(multi)
        XCTAssertEqual(all.filter { $0.kind == .string }.count, 1)
        XCTAssertEqual(all.first { $0.text == "z" }?.line, 4)

        let interpolated = ##"let r = #"id \#(value) done"# ; tail"##
        XCTAssertEqual(tokens(interpolated, kind: .string).count, 1)
        XCTAssertEqual(texts(interpolated).last, "tail")
    }

    func test_unterminatedStringEndsAtTheLineEnd() {
        let source = "let s = \"oops\nlet next = 1"
        let all = SwiftTokenizer.tokenize(source)
        XCTAssertEqual(all.first { $0.text == "next" }?.line, 2)
    }

    func test_regexLiteralIsOneToken() {
        let source = ##"let r = #/"await" \d+/# ; after"##
        XCTAssertEqual(tokens(source, kind: .string).count, 1)
        XCTAssertEqual(texts(source).last, "after")
    }

    func test_emptySource() {
        XCTAssertEqual(SwiftTokenizer.tokenize(""), [])
        XCTAssertEqual(SwiftTokenizer.tokenize("\n\n  \n"), [])
    }
}
