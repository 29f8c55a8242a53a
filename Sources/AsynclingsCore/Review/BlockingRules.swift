/// The `blocking-call` rule: calls that block a thread of the cooperative pool.
enum BlockingRules {
    private static let waitingTypes: Set<String> = ["DispatchSemaphore", "DispatchGroup", "NSCondition", "NSConditionLock"]

    /// The notes for every blocking wait, sleep and lock held across an `await` in `index`.
    static func notes(in index: SourceIndex) -> [ReviewNote] {
        let usesDispatchWaits = index.tokens.contains { $0.kind == .identifier && waitingTypes.contains($0.text) }
        let usesDispatchQueues = index.tokens.contains { $0.kind == .identifier && $0.text == "DispatchQueue" }
        var notes: [ReviewNote] = []
        for i in index.tokens.indices where index.tokens[i].kind == .identifier {
            let text = index.text(i)
            if usesDispatchWaits && index.isMemberCall(i, "wait") {
                notes.append(note(line: index.line(i), "`.wait()` blocks this thread until someone else signals"))
            } else if usesDispatchQueues && isQueueSync(at: i, in: index) {
                notes.append(note(line: index.line(i), "`.\(text)` blocks this thread until the queue has run the block"))
            } else if text == "Thread" && index.isMember(i + 2, "sleep") && index.text(i - 1) != "." {
                notes.append(note(line: index.line(i), "`Thread.sleep` blocks this thread for the whole delay"))
            } else if isFreeSleep(at: i, in: index) {
                notes.append(note(line: index.line(i), "`\(text)(…)` blocks this thread for the whole delay"))
            } else if index.isMemberCall(i, "lock"), index.text(i + 2) == ")", locksAcrossAwait(at: i, in: index) {
                notes.append(note(line: index.line(i), "This lock is still held when the code reaches an `await`"))
            }
        }
        return notes
    }

    private static func note(line: Int, _ found: String) -> ReviewNote {
        ReviewNote(
            rule: .blockingCall, line: line, severity: .essential,
            message: found + ", starving the few threads Swift concurrency runs on; "
                + "suspend instead (await a task, `Task.sleep`, an actor or an async sequence).")
    }

    /// `queue.sync { … }`, `queue.sync(execute:)`, `queue.asyncAndWait { … }`.
    private static func isQueueSync(at i: Int, in index: SourceIndex) -> Bool {
        ["sync", "asyncAndWait"].contains(index.text(i)) && index.isMember(i, index.text(i))
            && ["(", "{"].contains(index.text(i + 1))
    }

    /// `sleep(1)`, `usleep(500)`: the C functions, not `Task.sleep` or an awaited `sleep(for:)`.
    private static func isFreeSleep(at i: Int, in index: SourceIndex) -> Bool {
        ["sleep", "usleep", "nanosleep"].contains(index.text(i)) && index.text(i + 1) == "("
            && ![".", "func", "await"].contains(index.text(i - 1))
    }

    /// Whether the `.lock()` named at `i` reaches an `await` in the same scope before an `.unlock()` outside `defer`.
    private static func locksAcrossAwait(at i: Int, in index: SourceIndex) -> Bool {
        let scope = index.scope(of: i)
        let end = scope.flatMap { index.partner[$0] } ?? index.tokens.count
        var j = i + 3
        while j < end {
            if index.text(j) == "defer", index.text(j + 1) == "{", let close = index.partner[j + 1] {
                j = close + 1
                continue
            }
            if index.isMemberCall(j, "unlock") { return false }
            if index.text(j) == "await" && index.scope(of: j) == scope { return true }
            j += 1
        }
        return false
    }
}
