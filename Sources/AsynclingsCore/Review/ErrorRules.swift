/// The `swallowed-error` rule: `try?`, and `catch` blocks that lose the error.
enum ErrorRules {
    /// The notes for every `try?` and every `catch` of `index`.
    static func notes(in index: SourceIndex) -> [ReviewNote] {
        var notes: [ReviewNote] = []
        for i in index.tokens.indices where index.tokens[i].kind == .identifier {
            if index.text(i) == "try" && index.text(i + 1) == "?" {
                notes.append(ReviewNote(
                    rule: .swallowedError, line: index.line(i), severity: .informative,
                    message: "`try?` turns the real error into nil, so the caller never learns what failed; "
                        + "use `try` and let it throw, or catch it and keep the error."))
            } else if index.text(i) == "catch", let body = swallowingBody(catchAt: i, in: index) {
                notes.append(fallsBack(body, in: index)
                    ? ReviewNote(
                        rule: .swallowedError, line: index.line(i), severity: .informative,
                        message: "This `catch` replaces the error with a fallback value and drops the error itself; "
                            + "fine when a fallback is the point, otherwise rethrow it or keep it for the caller.")
                    : ReviewNote(
                        rule: .swallowedError, line: index.line(i), severity: .actionable,
                        message: "This `catch` neither rethrows, returns nor records the error, so the failure disappears; "
                            + "rethrow it, return it as a result, or store it for the caller."))
            }
        }
        return notes
    }

    /// The body's `{` when the `catch` at `i` drops its error: its body never throws, returns, stops, or mentions a bound name.
    private static func swallowingBody(catchAt i: Int, in index: SourceIndex) -> Int? {
        guard index.text(i - 1) == "}", let body = index.bodyBrace(after: i) else { return nil }
        let inside = index.inside(body)
        let names = boundNames(in: (i + 1)..<body, of: index)
        if inside.isEmpty { return body }
        // `catch is CancellationError { … }` handles one known error and needs no value.
        if body > i + 1 && names.isEmpty { return nil }
        let handlers: Set<String> = ["throw", "return", "fatalError", "preconditionFailure"]
        let handles = inside.contains { i in
            index.tokens[i].kind == .identifier && (handlers.contains(index.text(i)) || names.contains(index.text(i)))
                && index.text(i - 1) != "."
        }
        // `try` passes an error on (`try Task.checkCancellation()`), and a call on something
        // (`await tally.failed(index)`) records the failure where the caller will see it.
        let passesOrRecords = inside.contains { i in
            index.text(i) == "try" || (index.text(i - 1) == "." && index.tokens[i].kind == .identifier && index.text(i + 1) == "(")
        }
        return handles || passesOrRecords ? nil : body
    }

    /// Whether the catch body assigns something in its own scope: `preferences = .standard`.
    private static func fallsBack(_ body: Int, in index: SourceIndex) -> Bool {
        index.inside(body).contains { index.text($0) == "=" && index.scope(of: $0) == index.scope(of: body) }
    }

    /// The names a catch pattern binds: `error` when there is no pattern, else the lower-case names it declares.
    private static func boundNames(in pattern: Range<Int>, of index: SourceIndex) -> Set<String> {
        guard !pattern.isEmpty else { return ["error"] }
        var names: Set<String> = []
        let keywords: Set<String> = ["let", "var", "as", "is", "where", "_"]
        var binding = false
        for j in pattern {
            let text = index.text(j)
            if text == "let" || text == "var" { binding = true }
            if text == "where" { binding = false }
            guard binding, index.tokens[j].kind == .identifier, !keywords.contains(text), index.text(j - 1) != ".",
                  let first = text.first, first.isLowercase else { continue }
            if index.text(j - 1) != "as" && index.text(j - 1) != "is" { names.insert(text) }
        }
        return names
    }
}
