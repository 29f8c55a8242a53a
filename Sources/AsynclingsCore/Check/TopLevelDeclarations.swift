/// The declarations at the top level of a Swift file, read from its tokens: what the
/// whole-module check needs to keep an answer from declaring names the suite could bind to.
struct TopLevelDeclarations {
    /// One top-level declaration.
    struct Declaration: Equatable {
        /// `func`, `class`, `extension`…
        let keyword: String
        /// Its name (for an extension, the extended type).
        let name: String
        /// Whether it is `private` or `fileprivate`: invisible outside its file.
        let filePrivate: Bool
        /// Its line.
        let line: Int
    }

    static let keywords: Set<String> = [
        "func", "var", "let", "class", "struct", "enum", "actor", "protocol", "typealias",
        "extension", "macro", "operator", "precedencegroup", "subscript", "init",
    ]
    static let typeKeywords: Set<String> = ["class", "struct", "enum", "actor", "protocol", "typealias"]

    /// Every top-level declaration, in order.
    let declarations: [Declaration]

    init(_ source: String) {
        let tokens = SwiftTokenizer.tokenize(source).filter { $0.kind != .comment }
        var found: [Declaration] = []
        var depth = 0
        var statementStart = 0
        for (index, token) in tokens.enumerated() {
            switch token.text {
            case "{", "(", "[": depth += 1
            case "}", ")", "]":
                depth -= 1
                if depth == 0 { statementStart = index + 1 }
            case ";": if depth == 0 { statementStart = index + 1 }
            default:
                guard depth == 0, token.kind == .identifier, Self.keywords.contains(token.text) else { continue }
                let modifiers = tokens[statementStart..<index].map(\.text)
                // `class func` and `class var` inside a type never reach here (depth > 0).
                var nameIndex = index + 1
                while nameIndex < tokens.count, tokens[nameIndex].text == "`" { nameIndex += 1 }
                let name = nameIndex < tokens.count ? tokens[nameIndex].text.replacingOccurrences(of: "`", with: "") : ""
                found.append(Declaration(
                    keyword: token.text, name: name,
                    filePrivate: modifiers.contains("private") || modifiers.contains("fileprivate"), line: token.line))
                statementStart = index + 1
            }
        }
        declarations = found
    }

    /// What an answer may not declare when it is compiled in one module with the suite: any
    /// top-level name the starter does not declare (unless private to the file), and any
    /// extension of a type it does not declare itself.
    static func problems(answer: String, starter: String) -> [Report.Diagnostic] {
        let allowed = Set(TopLevelDeclarations(starter).declarations.filter { !$0.filePrivate }.map(\.name))
        let answer = TopLevelDeclarations(answer).declarations
        let ownTypes = Set(answer.filter { typeKeywords.contains($0.keyword) }.map(\.name))
        var problems: [Report.Diagnostic] = []
        for declaration in answer {
            if declaration.keyword == "extension" {
                let extended = String(declaration.name.prefix { $0 != "." && $0 != "<" })
                if !ownTypes.contains(extended) {
                    problems.append(.init(line: declaration.line, column: 0, severity: "error", message: "in this exercise your file is compiled together with the tests, so it may not extend `\(declaration.name)`, a type it does not declare. Move the code into your own types or a private function."))
                }
            } else if !declaration.filePrivate && !allowed.contains(declaration.name) {
                problems.append(.init(line: declaration.line, column: 0, severity: "error", message: "in this exercise your file is compiled together with the tests, so a top-level `\(declaration.name)` that the starter does not declare must be `private` (or `fileprivate`)."))
            }
        }
        return problems
    }
}
