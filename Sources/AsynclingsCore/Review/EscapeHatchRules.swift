/// Rules for the escape hatches that switch off Swift's safety checks:
/// `unchecked-sendable`, `nonisolated-unsafe`, `unsafe-continuation`.
enum EscapeHatchRules {
    /// The notes for every escape hatch in `index`.
    static func notes(in index: SourceIndex) -> [ReviewNote] {
        var notes: [ReviewNote] = []
        for i in index.tokens.indices {
            let text = index.text(i)
            let line = index.line(i)
            if index.tokens[i].kind == .attribute && text == "@unchecked" && index.text(i + 1) == "Sendable" {
                notes.append(ReviewNote(
                    rule: .uncheckedSendable, line: line, severity: .actionable,
                    message: "`@unchecked Sendable` tells the compiler to stop checking this type for data races; "
                        + "make it an actor, keep only immutable `let` state, or guard its state with a `Mutex`."))
            } else if text == "nonisolated" && index.text(i + 1) == "(" && index.text(i + 2) == "unsafe" {
                notes.append(ReviewNote(
                    rule: .nonisolatedUnsafe, line: line, severity: .actionable,
                    message: "`nonisolated(unsafe)` switches off data-race checking for this value, so concurrent access goes unnoticed; "
                        + "protect it with an actor or a `Mutex`, or pass the value explicitly (a `@TaskLocal` for context)."))
            } else if ["withUnsafeContinuation", "withUnsafeThrowingContinuation"].contains(text),
                      index.tokens[i].kind == .identifier, index.text(i - 1) != "func" {
                notes.append(ReviewNote(
                    rule: .unsafeContinuation, line: line, severity: .actionable,
                    message: "`\(text)` does not check that the continuation is resumed exactly once; "
                        + "use `withChecked\(text.dropFirst("withUnsafe".count))` so a double or missing resume is reported."))
            }
        }
        return notes
    }
}
