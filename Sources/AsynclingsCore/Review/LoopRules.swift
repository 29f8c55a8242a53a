/// Rules about loops: `sequential-await-in-loop`, `unbounded-group`, `no-cancellation-check`.
enum LoopRules {
    /// The notes for every loop of `index`.
    static func notes(in index: SourceIndex, settings: ReviewSettings) -> [ReviewNote] {
        var notes: [ReviewNote] = []
        for number in index.loops.indices {
            if settings.parallel, let line = sequentialAwaitLine(loop: number, in: index) {
                notes.append(ReviewNote(
                    rule: "sequential-await-in-loop", line: line, severity: .essential,
                    message: "This loop awaits each call before starting the next, so the calls run one after another; "
                        + "start them together with a task group or async let."))
            }
            if settings.limit, let line = unboundedAddTaskLine(loop: number, in: index) {
                notes.append(ReviewNote(
                    rule: "unbounded-group", line: line, severity: .essential,
                    message: "This loop adds one child task per element with nothing holding it back, so all of them run at once; "
                        + "start only `limit` children, then await `group.next()` before adding each new one."))
            }
            if let line = missingCancellationCheckLine(loop: number, in: index) {
                notes.append(ReviewNote(
                    rule: "no-cancellation-check", line: line, severity: .informative,
                    message: "This loop does its work without ever suspending or checking for cancellation, so a cancelled task keeps running; "
                        + "call `try Task.checkCancellation()` (or `await Task.yield()`) each time round."))
            }
        }
        return notes
    }

    /// The line of the first `await` in the loop's own body that waits for new work, when that loop is not `for await`.
    private static func sequentialAwaitLine(loop number: Int, in index: SourceIndex) -> Int? {
        let loop = index.loops[number]
        guard !loop.overAsyncSequence else { return nil }
        for i in index.inside(loop.open) where index.text(i) == "await" && index.owningLoop(of: i) == number {
            if !awaitsStartedWork(after: i, in: index) { return index.line(i) }
        }
        return nil
    }

    /// Whether the `await` at `i` waits for something already running or merely pauses:
    /// `task.value`, `group.next()`, `Task.yield()`, `clock.sleep(…)`.
    static func awaitsStartedWork(after i: Int, in index: SourceIndex) -> Bool {
        var j = i + 1
        guard index.token(j)?.kind == .identifier else { return false }
        var last = index.text(j)
        var called = false
        j += 1
        while j < index.tokens.count {
            let t = index.text(j)
            if t == ".", index.token(j + 1)?.kind == .identifier {
                last = index.text(j + 1)
                called = false
                j += 2
            } else if t == "(" || t == "[", let close = index.partner[j] {
                called = called || t == "("
                j = close + 1
            } else if t == "?" || t == "!" {
                j += 1
            } else {
                break
            }
        }
        if !called { return ["value", "result"].contains(last) }
        return ["next", "nextResult", "waitForAll", "yield", "sleep"].contains(last)
    }

    /// The line of the first `addTask` in a `for` loop with nothing in its body that waits for a child to finish.
    private static func unboundedAddTaskLine(loop number: Int, in index: SourceIndex) -> Int? {
        let loop = index.loops[number]
        guard index.text(loop.keyword) == "for", !headerLooksBounded(loop, in: index) else { return nil }
        let scope = index.scope(of: loop.open)
        let body = index.inside(loop.open)
        let sameScope = body.filter { index.scope(of: $0) == scope }
        let bounded = sameScope.contains { i in
            index.text(i) == "await" || ["next", "nextResult", "waitForAll"].contains { index.isMemberCall(i, $0) }
        }
        guard !bounded else { return nil }
        let adds = sameScope.first { i in
            ["addTask", "addTaskUnlessCancelled", "addDiscardingTask", "addDiscardingTaskUnlessCancelled"]
                .contains { index.isMember(i, $0) }
        }
        return adds.map(index.line)
    }

    /// `for _ in 0..<limit`, `for x in items.prefix(maxConcurrent)`: a loop that starts the first batch only.
    private static func headerLooksBounded(_ loop: SourceIndex.Loop, in index: SourceIndex) -> Bool {
        let words = ["limit", "max", "concurren", "width", "slot", "prefix"]
        return ((loop.keyword + 1)..<loop.open).contains { i in
            let name = index.text(i).lowercased()
            return index.tokens[i].kind == .identifier && words.contains { name.contains($0) }
        }
    }

    /// The loop's line when it is an outermost, long loop of async code with no suspension point and no cancellation check.
    private static func missingCancellationCheckLine(loop number: Int, in index: SourceIndex) -> Int? {
        let loop = index.loops[number]
        guard !loop.overAsyncSequence, isOutermost(loop, in: index), index.isInAsyncContext(loop.keyword) else { return nil }
        let whole = loop.keyword..<loop.close
        let checks = whole.contains { ["await", "checkCancellation", "isCancelled"].contains(index.text($0)) }
        guard !checks, isLong(loop, in: index) else { return nil }
        return index.line(loop.keyword)
    }

    /// Whether no other loop of the same function or closure surrounds `loop`.
    private static func isOutermost(_ loop: SourceIndex.Loop, in index: SourceIndex) -> Bool {
        for brace in index.enclosingBraces(of: loop.keyword) {
            switch index.braces[brace] {
            case .control: continue
            case .loop: return false
            default: return true
            }
        }
        return true
    }

    /// A loop with a loop inside, a `for` over a range, `stride` or chunks,
    /// or a `while` / `repeat` loop that is `while true` or has a body of three lines or more.
    private static func isLong(_ loop: SourceIndex.Loop, in index: SourceIndex) -> Bool {
        if index.loops.contains(where: { $0.keyword > loop.open && $0.keyword < loop.close }) { return true }
        if index.text(loop.keyword) == "for" {
            let rangeWords: Set<String> = ["...", "..<", "stride", "chunks", "chunked", "indices"]
            return ((loop.keyword + 1)..<loop.open).contains { rangeWords.contains(index.text($0)) }
        }
        let forever = index.text(loop.keyword + 1) == "true" && index.text(loop.keyword + 2) == "{"
        return forever || index.line(loop.close) - index.line(loop.open) - 1 >= 3
    }
}
