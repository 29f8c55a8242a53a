/// Refuses, before anything is compiled, the few things in an answer that could change what
/// the hidden suite calls or run code before the harness has fenced the process in: attributes
/// that bind or replace symbols by name, place code in sections or reach into the runtime, and
/// imports of anything but the modules an answer needs.
enum AnswerScreen {
    /// Attributes an answer may not use (written without `@`).
    static let forbiddenAttributes: Set<String> = [
        "_silgen_name", "_cdecl", "cdecl", "c", "_extern", "extern", "_dynamicReplacement", "dynamicReplacement",
        "section", "_section", "used", "_used", "_originallyDefinedIn", "_private", "_spi", "_spiOnly",
        "_specialize", "_expose", "export", "_export", "_weakLinked", "_implementationOnly",
    ]

    /// Modules an answer may import.
    static let allowedImports: Set<String> = [
        "Foundation", "FoundationEssentials", "Dispatch", "Synchronization", "InterviewKit",
        "Glibc", "Musl", "Darwin", "Swift", "_Concurrency", "Observation", "RegexBuilder",
    ]

    /// One problem per offending line, worded for the learner; empty when the answer may be compiled.
    static func problems(in source: String) -> [Report.Diagnostic] {
        let tokens = SwiftTokenizer.tokenize(source).filter { $0.kind != .comment }
        var found: [Report.Diagnostic] = []
        for (index, token) in tokens.enumerated() {
            if let name = attributeName(tokens, at: index), forbiddenAttributes.contains(name) {
                found.append(.init(line: token.line, column: 0, severity: "error", message: "`@\(name)` is not allowed in an answer: it binds code to names outside your module or runs it outside the tests. Remove it; nothing in these exercises needs it."))
            }
            if token.kind == .identifier, token.text == "import", let module = importedModule(tokens, after: index),
               !allowedImports.contains(module) {
                found.append(.init(line: token.line, column: 0, severity: "error", message: "`import \(module)` is not allowed in an answer. An answer may import \(allowedImports.filter { !$0.hasPrefix("_") }.sorted().joined(separator: ", "))."))
            }
        }
        return found
    }

    /// The attribute's name when `tokens[index]` starts one (`@name`, `@ name` or `` @`name` ``).
    private static func attributeName(_ tokens: [SwiftToken], at index: Int) -> String? {
        let token = tokens[index]
        var text: Substring
        if token.kind == .attribute {
            text = token.text.dropFirst()
        } else if token.text == "@", index + 1 < tokens.count {
            text = Substring(tokens[index + 1].text)
        } else {
            return nil
        }
        text = text.drop { $0 == " " || $0 == "`" }
        return String(text.prefix { $0 != "`" && $0 != "(" && $0 != " " })
    }

    /// The module named after `import` (skipping a declaration kind such as `struct`).
    private static func importedModule(_ tokens: [SwiftToken], after index: Int) -> String? {
        let kinds: Set<String> = ["struct", "class", "enum", "protocol", "typealias", "func", "let", "var", "actor"]
        var next = index + 1
        if next < tokens.count, kinds.contains(tokens[next].text) { next += 1 }
        guard next < tokens.count, tokens[next].kind == .identifier else { return nil }
        return tokens[next].text.replacingOccurrences(of: "`", with: "")
    }
}
