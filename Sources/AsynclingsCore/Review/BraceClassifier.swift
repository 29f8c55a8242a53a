/// Decides what each `{` of a source belongs to: a loop, a control statement, a function, a type or a closure.
struct BraceClassifier {
    private let index: SourceIndex
    private var braces: [Int: SourceIndex.Brace] = [:]
    private var loops: [SourceIndex.Loop] = []
    /// `while` keywords that close a `repeat { } while` loop rather than open one.
    private var repeatConditions: Set<Int> = []

    /// Classifies every brace of `index`; braces no keyword claims are closures.
    static func classify(_ index: SourceIndex) -> ([Int: SourceIndex.Brace], [SourceIndex.Loop]) {
        var classifier = BraceClassifier(index: index)
        classifier.run()
        return (classifier.braces, classifier.loops)
    }

    private init(index: SourceIndex) { self.index = index }

    private mutating func run() {
        for i in index.tokens.indices where index.tokens[i].kind == .identifier {
            let word = index.text(i)
            let afterDot = index.text(i - 1) == "."
            switch word {
            case "for" where !afterDot:
                claimForLoop(at: i)
            case "while" where !afterDot && !repeatConditions.contains(i):
                claimLoop(at: i, body: index.bodyBrace(after: i), overAsyncSequence: false)
            case "repeat" where index.text(i + 1) == "{":
                claimLoop(at: i, body: i + 1, overAsyncSequence: false)
                if let close = index.partner[i + 1], index.text(close + 1) == "while" { repeatConditions.insert(close + 1) }
            case "if", "guard", "switch", "do", "catch", "else", "defer":
                if !afterDot { claim(index.bodyBrace(after: i), as: .control) }
            case "func", "init", "deinit", "subscript":
                if !afterDot { claimFunction(at: i) }
            case "get", "set", "willSet", "didSet", "_read", "_modify":
                if !afterDot { claimAccessor(at: i) }
            case "var":
                claimComputedProperty(at: i)
            case "class", "struct", "enum", "actor", "extension", "protocol":
                claimType(at: i)
            default:
                break
            }
        }
        for i in index.tokens.indices where index.text(i) == "{" && braces[i] == nil {
            braces[i] = .closure
        }
    }

    private mutating func claim(_ brace: Int?, as kind: SourceIndex.Brace) {
        guard let brace, braces[brace] == nil else { return }
        braces[brace] = kind
    }

    private mutating func claimLoop(at keyword: Int, body: Int?, overAsyncSequence: Bool) {
        guard let body, braces[body] == nil, let close = index.partner[body] else { return }
        braces[body] = .loop(loops.count)
        loops.append(.init(keyword: keyword, open: body, close: close, overAsyncSequence: overAsyncSequence))
    }

    private mutating func claimForLoop(at i: Int) {
        // `func f(for x: Int)` uses `for` as an argument label: it has no `in` before its brace.
        guard index.text(i + 1) != ":", let body = index.bodyBrace(after: i),
              index.topLevel((i + 1)..<body, contains: "in") else { return }
        let next = index.text(i + 1)
        let overAsync = next == "await" || (next == "try" && index.text(i + 2) == "await")
        claimLoop(at: i, body: body, overAsyncSequence: overAsync)
    }

    private mutating func claimFunction(at i: Int) {
        guard let body = index.bodyBrace(after: i, stopAtDeclarations: true) else { return }
        let header = (i + 1)..<body
        let returnsValue = index.text(i) == "subscript" || index.topLevel(header, contains: "->")
        claim(body, as: .function(isAsync: index.topLevel(header, contains: "async"), returnsValue: returnsValue))
    }

    private mutating func claimAccessor(at i: Int) {
        var j = i + 1
        if index.text(j) == "(", let close = index.partner[j] { j = close + 1 }
        while ["async", "throws", "mutating", "nonmutating"].contains(index.text(j)) { j += 1 }
        guard index.text(j) == "{" else { return }
        let word = index.text(i)
        let isAsync = index.topLevel((i + 1)..<j, contains: "async")
        claim(j, as: .function(isAsync: isAsync, returnsValue: word == "get" || word == "_read"))
    }

    /// `var name: Type {` on one line, with no `=`, is a computed property.
    private mutating func claimComputedProperty(at i: Int) {
        guard let body = index.bodyBrace(after: i, stopAtDeclarations: true),
              index.line(body) == index.line(i) else { return }
        let header = (i + 1)..<body
        guard index.topLevel(header, contains: ":"), !index.topLevel(header, contains: "=") else { return }
        claim(body, as: .function(isAsync: false, returnsValue: true))
    }

    private mutating func claimType(at i: Int) {
        guard index.text(i - 1) != ".", let name = index.token(i + 1), name.kind == .identifier,
              !["func", "var", "let", "subscript", "init"].contains(name.text) else { return }
        claim(index.bodyBrace(after: i, stopAtDeclarations: true), as: .type)
    }
}
