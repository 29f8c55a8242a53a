/// Rules for answers that keep an old style alive under the new one: `preconcurrency-import`
/// (always), `legacy-sync` (in exercises that migrate away from Dispatch, threads and locks),
/// and `explicit-isolation` (an `isolation:` argument passed by hand to fake where code runs).
enum MigrationRules {
    /// Names that belong to the synchronisation an answer migrates away from.
    static let legacyNames: Set<String> = [
        "DispatchQueue", "DispatchSemaphore", "DispatchGroup", "DispatchWorkItem", "Thread",
        "NSLock", "NSRecursiveLock", "NSCondition", "NSConditionLock", "OperationQueue",
        "pthread_mutex_lock", "os_unfair_lock", "OSAllocatedUnfairLock",
    ]

    /// The notes for `index`.
    static func notes(in index: SourceIndex, settings: ReviewSettings) -> [ReviewNote] {
        var notes: [ReviewNote] = []
        for i in index.tokens.indices {
            let token = index.tokens[i]
            let text = index.text(i)
            if token.kind == .attribute, text == "@preconcurrency", index.text(i + 1) == "import" {
                notes.append(ReviewNote(
                    rule: .preconcurrencyImport, line: index.line(i), severity: .actionable,
                    message: "`@preconcurrency import` silences the compiler's Sendable checks for everything from that module, "
                        + "so a data race through it goes unreported; import it plainly and make what crosses tasks Sendable."))
            } else if settings.legacy, token.kind == .identifier, legacyNames.contains(text), index.text(i - 1) != "." {
                notes.append(ReviewNote(
                    rule: .legacySync, line: index.line(i), severity: .actionable,
                    message: "`\(text)` is the old way of keeping things in order; in the migrated code the actor (or a task group) "
                        + "does that job, so remove it rather than mixing two models of concurrency."))
            } else if token.kind == .identifier, text == "isolation", index.text(i + 1) == ":",
                      index.text(i + 2) != "isolated", index.text(i - 1) == "," || index.text(i - 1) == "(" {
                notes.append(ReviewNote(
                    rule: .explicitIsolation, line: index.line(i), severity: .actionable,
                    message: "passing `isolation:` by hand makes the code claim to run somewhere it may not; "
                        + "leave the argument out so `#isolation` says where the call really runs, and change the isolation with an annotation instead."))
            }
        }
        return notes
    }
}
