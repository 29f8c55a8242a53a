/// The code tokens of one source file (comments dropped) with brackets matched and braces classified.
struct SourceIndex {
    /// What a `{ … }` block belongs to.
    enum Brace: Equatable {
        /// The body of the loop at this index of `loops`.
        case loop(Int)
        /// The body of `if`, `guard`, `switch`, `do`, `catch`, `else` or `defer`: same scope as around it.
        case control
        /// The body of a function, initializer, accessor or computed property.
        case function(isAsync: Bool, returnsValue: Bool)
        /// The body of a type or extension.
        case type
        /// Anything else: a closure.
        case closure
    }

    /// A `for`, `while` or `repeat` loop.
    struct Loop {
        /// Index of the `for` / `while` / `repeat` keyword.
        let keyword: Int
        /// Index of the body's `{`.
        let open: Int
        /// Index of the body's `}`.
        let close: Int
        /// A `for await` / `for try await` loop over an async sequence.
        let overAsyncSequence: Bool
    }

    /// The tokens that are code: everything but comments.
    let tokens: [SwiftToken]
    /// For each bracket, the index of its partner.
    private(set) var partner: [Int?]
    /// For each token, the index of the innermost `{` around it.
    private(set) var parentBrace: [Int?]
    /// What each `{` belongs to, by index.
    private(set) var braces: [Int: Brace] = [:]
    /// Every loop, in source order.
    private(set) var loops: [Loop] = []

    init(_ source: String) {
        tokens = SwiftTokenizer.tokenize(source).filter { $0.kind != .comment }
        partner = Array(repeating: nil, count: tokens.count)
        parentBrace = Array(repeating: nil, count: tokens.count)
        matchBrackets()
        (braces, loops) = BraceClassifier.classify(self)
    }

    /// The text of the token at `i`, or "" outside the file.
    func text(_ i: Int) -> String {
        i >= 0 && i < tokens.count ? tokens[i].text : ""
    }

    /// The line of the token at `i`.
    func line(_ i: Int) -> Int { tokens[i].line }

    /// Whether the token at `i` is the first code on its line.
    func startsLine(_ i: Int) -> Bool {
        i == 0 || tokens[i].line > tokens[i - 1].line
    }

    /// The braces around `i`, innermost first.
    func enclosingBraces(of i: Int) -> [Int] {
        var result: [Int] = []
        var current = parentBrace[i]
        while let brace = current {
            result.append(brace)
            current = parentBrace[brace]
        }
        return result
    }

    /// The innermost brace around `i` that starts a new scope of execution (not a loop or control body).
    func scope(of i: Int) -> Int? {
        enclosingBraces(of: i).first { brace in
            switch braces[brace] {
            case .loop, .control: false
            default: true
            }
        }
    }

    /// The loop whose body `i` is in, looking through `if`, `do` and other control bodies but not closures.
    func owningLoop(of i: Int) -> Int? {
        for brace in enclosingBraces(of: i) {
            switch braces[brace] {
            case .control: continue
            case .loop(let number): return number
            default: return nil
            }
        }
        return nil
    }

    /// Whether code at `i` runs in an async context: an `async` function, a `Task { }` or a child task.
    func isInAsyncContext(_ i: Int) -> Bool {
        for brace in enclosingBraces(of: i) {
            switch braces[brace] {
            case .function(let isAsync, _): return isAsync
            case .type: return false
            case .closure where startsTask(closure: brace): return true
            case .closure where runsOnDispatch(closure: brace): return false
            default: continue
            }
        }
        return false
    }

    /// Whether the closure opening at `open` is the body of a new task or child task.
    func startsTask(closure open: Int) -> Bool {
        guard let owner = owner(ofClosure: open) else { return false }
        return Self.taskStarters.contains(text(owner))
    }

    /// Whether the closure opening at `open` runs on a Dispatch queue: `queue.async { }`, `concurrentPerform { }`.
    func runsOnDispatch(closure open: Int) -> Bool {
        guard let owner = owner(ofClosure: open) else { return false }
        return ["async", "asyncAfter", "sync", "concurrentPerform"].contains { isMember(owner, $0) }
    }

    /// Names whose trailing closure runs as a new task or child task.
    static let taskStarters: Set<String> = [
        "Task", "detached", "addTask", "addTaskUnlessCancelled", "addDiscardingTask", "addDiscardingTaskUnlessCancelled",
    ]

    /// Whether the token at `i` is the identifier `name` used as a member: `.name`.
    func isMember(_ i: Int, _ name: String) -> Bool {
        text(i) == name && text(i - 1) == "." && tokens[i].kind == .identifier
    }

    /// Whether `i` starts a call of the member `name`: `.name(`.
    func isMemberCall(_ i: Int, _ name: String) -> Bool {
        isMember(i, name) && text(i + 1) == "("
    }

    /// The indices strictly inside the bracket pair opening at `open`.
    func inside(_ open: Int) -> Range<Int> {
        let close = partner[open] ?? tokens.count
        return (open + 1)..<max(open + 1, close)
    }

    /// The name called with the closure opening at `open`: `forEach` in `xs.forEach {`, `addTask` in `addTask(priority: p) {`.
    func owner(ofClosure open: Int) -> Int? {
        let before = open - 1
        switch text(before) {
        case ")":
            guard let paren = partner[before] else { return nil }
            return token(paren - 1)?.kind == .identifier ? paren - 1 : nil
        case "(", ",", ":":
            guard let paren = openParen(around: open) else { return nil }
            return token(paren - 1)?.kind == .identifier ? paren - 1 : nil
        default:
            return token(before)?.kind == .identifier ? before : nil
        }
    }

    /// The unmatched `(` that `i` sits inside, if the nearest unmatched bracket is one.
    func openParen(around i: Int) -> Int? {
        var j = i - 1
        while j >= 0 {
            switch text(j) {
            case ")", "]", "}":
                guard let open = partner[j] else { return nil }
                j = open - 1
            case "(":
                return j
            case "[", "{":
                return nil
            default:
                j -= 1
            }
        }
        return nil
    }

    /// The first `{` after `i` outside parentheses and brackets, stopping at the end of the statement.
    func bodyBrace(after i: Int, stopAtDeclarations: Bool = false) -> Int? {
        var j = i + 1
        while j < tokens.count {
            switch text(j) {
            case "(", "[":
                guard let close = partner[j] else { return nil }
                j = close + 1
                continue
            case "{":
                return j
            case "}", ";":
                return nil
            case "func", "var", "let", "init", "case", "subscript", "typealias", "associatedtype":
                if stopAtDeclarations && tokens[j].kind == .identifier { return nil }
            default:
                break
            }
            j += 1
        }
        return nil
    }

    /// Whether any token in `range` at parenthesis depth 0 has the text `word`.
    func topLevel(_ range: Range<Int>, contains word: String) -> Bool {
        var j = range.lowerBound
        while j < range.upperBound {
            if text(j) == "(" || text(j) == "[", let close = partner[j] {
                j = close + 1
                continue
            }
            if text(j) == word { return true }
            j += 1
        }
        return false
    }

    private mutating func matchBrackets() {
        var stack: [Int] = []
        var braceStack: [Int] = []
        let openers: [String: String] = [")": "(", "]": "[", "}": "{"]
        for (i, token) in tokens.enumerated() {
            parentBrace[i] = braceStack.last
            guard token.kind == .punctuation else { continue }
            if ["(", "[", "{"].contains(token.text) {
                stack.append(i)
                if token.text == "{" { braceStack.append(i) }
            } else if let opener = openers[token.text], let at = stack.lastIndex(where: { text($0) == opener }) {
                let open = stack[at]
                stack.removeSubrange(at...)
                braceStack.removeAll { $0 >= open }
                partner[open] = i
                partner[i] = open
                parentBrace[i] = parentBrace[open]
            }
        }
    }

    /// The token at `i`, or nil outside the file.
    func token(_ i: Int) -> SwiftToken? {
        i >= 0 && i < tokens.count ? tokens[i] : nil
    }
}
