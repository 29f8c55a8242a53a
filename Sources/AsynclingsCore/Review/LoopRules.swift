/// Rules about loops: `sequential-await-in-loop`, `unbounded-group`, `no-cancellation-check`.
enum LoopRules {
    /// The notes for every loop of `index`.
    static func notes(in index: SourceIndex, settings: ReviewSettings) -> [ReviewNote] {
        var notes: [ReviewNote] = []
        for number in index.loops.indices {
            if settings.parallel, let line = sequentialAwaitLine(loop: number, in: index) {
                notes.append(ReviewNote(
                    rule: .sequentialAwaitInLoop, line: line, severity: .essential,
                    message: "This loop awaits each call before starting the next, so the calls run one after another; "
                        + "start them together with a task group or async let."))
            }
            if settings.limit, let line = unboundedAddTaskLine(loop: number, in: index) {
                notes.append(ReviewNote(
                    rule: .unboundedGroup, line: line, severity: .essential,
                    message: "This loop adds one child task per element with nothing holding it back, so all of them run at once; "
                        + "start only `limit` children, then await `group.next()` before adding each new one."))
            }
            if let line = missingCancellationCheckLine(loop: number, in: index) {
                notes.append(ReviewNote(
                    rule: .noCancellationCheck, line: line, severity: .informative,
                    message: "This loop does its work without ever suspending or checking for cancellation, so a cancelled task keeps running; "
                        + "call `try Task.checkCancellation()` (or `await Task.yield()`) each time round."))
            }
        }
        return notes
    }

    /// The line of the first `await` in the loop's own body that waits for new work, when that loop is not `for await`.
    /// In a loop that feeds a task group, an `await` whose value nobody uses (`await gate.enter()`) paces the
    /// loop rather than doing the work, which runs in the children.
    private static func sequentialAwaitLine(loop number: Int, in index: SourceIndex) -> Int? {
        let loop = index.loops[number]
        guard !loop.overAsyncSequence, !insideChildTask(loop.keyword, in: index) else { return nil }
        let body = index.inside(loop.open).filter { index.owningLoop(of: $0) == number }
        let feedsGroup = body.contains { i in childStarters.contains { index.isMember(i, $0) } }
        for i in body where index.text(i) == "await" {
            if awaitsStartedWork(after: i, in: index) || (feedsGroup && isStatement(await: i, in: index)) { continue }
            return index.line(i)
        }
        return nil
    }

    /// Whether `i` sits in the body of a child task (`group.addTask { … }`, `Task { … }`): a loop
    /// there is one worker's own sequence, such as a pool worker taking the next item, and the
    /// workers run side by side.
    private static func insideChildTask(_ i: Int, in index: SourceIndex) -> Bool {
        index.enclosingBraces(of: i).contains { brace in
            var before = brace - 1
            if index.text(before) == ")", let open = index.partner[before] { before = open - 1 }
            let name = index.text(before)
            return childStarters.contains(name) || ((name == "Task" || name == "detached") && index.tokens[before].kind == .identifier)
        }
    }

    /// The task-group methods that start a child task.
    static let childStarters = ["addTask", "addTaskUnlessCancelled", "addDiscardingTask", "addDiscardingTaskUnlessCancelled"]

    /// Whether the `await` at `i` (after an optional `try`) begins a statement, so its value is not used.
    private static func isStatement(await i: Int, in index: SourceIndex) -> Bool {
        let first = index.text(i - 1) == "try" ? i - 1 : i
        return index.startsLine(first) || ["{", "}", ";"].contains(index.text(first - 1))
    }

    /// Whether the `await` at `i` waits for something already running or merely pauses:
    /// `task.value`, `group.next()`, `Task.yield()`, `clock.sleep(…)`.
    /// The first call or `.value` / `.result` of the chain decides: `group.next().map { … }` waits for a child.
    static func awaitsStartedWork(after i: Int, in index: SourceIndex) -> Bool {
        var j = i + 1
        guard index.token(j)?.kind == .identifier else { return false }
        var last = index.text(j)
        j += 1
        while j < index.tokens.count {
            let t = index.text(j)
            if t == "(" {
                return ["next", "nextResult", "waitForAll", "yield", "sleep"].contains(last)
            } else if t == ".", index.token(j + 1)?.kind == .identifier {
                if ["value", "result"].contains(last) { return true }
                last = index.text(j + 1)
                j += 2
            } else if t == "[", let close = index.partner[j] {
                j = close + 1
            } else if t == "?" || t == "!" {
                j += 1
            } else {
                break
            }
        }
        return ["value", "result"].contains(last)
    }

    /// The line of the first `addTask` in a `for` loop with nothing that waits for a child to finish before the
    /// next one starts: not the loop (`await`, `group.next()`, or iterating the group itself), nor the child.
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
        let adds = sameScope.first { i in childStarters.contains { index.isMember(i, $0) } }
        guard let adds, !iteratesItsGroup(loop, adding: adds, in: index), !childWaitsFirst(adds, in: index) else { return nil }
        return index.line(adds)
    }

    /// `for try await (i, r) in group { … group.addTask { … } }`: each child starts only after one has finished.
    private static func iteratesItsGroup(_ loop: SourceIndex.Loop, adding add: Int, in index: SourceIndex) -> Bool {
        guard loop.overAsyncSequence, index.text(add - 1) == ".", let group = index.token(add - 2), group.kind == .identifier,
              let inKeyword = ((loop.keyword + 1)..<loop.open).last(where: { index.text($0) == "in" }) else { return false }
        return ((inKeyword + 1)..<loop.open).contains { index.text($0) == group.text }
    }

    /// `group.addTask { await gate.enter(); … try await work() … }`: the child first waits (for a slot, a
    /// permit) before doing its work, so something outside the loop holds the children back.
    private static func childWaitsFirst(_ add: Int, in index: SourceIndex) -> Bool {
        guard let open = index.bodyBrace(after: add), let close = index.partner[open] else { return false }
        let awaits = (open + 1..<close).filter { index.text($0) == "await" && index.scope(of: $0) == open }
        guard let first = awaits.first, awaits.count > 1, isStatement(await: first, in: index) else { return false }
        // Nothing but the closure's parameters comes before that first wait.
        let before = (open + 1)..<(index.text(first - 1) == "try" ? first - 1 : first)
        return before.isEmpty || index.text(before.upperBound - 1) == "in"
    }

    /// `for _ in 0..<limit`, `for x in items.prefix(maxConcurrent)`: a loop that starts the first batch only.
    /// A name in the header counts when it says so itself, or when it was set from one that does
    /// (`let initial = min(limit, items.count)`).
    private static func headerLooksBounded(_ loop: SourceIndex.Loop, in index: SourceIndex) -> Bool {
        let words = ["limit", "max", "concurren", "width", "slot", "prefix", "min"]
        func says(_ i: Int) -> Bool {
            let name = index.text(i).lowercased()
            return index.tokens[i].kind == .identifier && words.contains { name.contains($0) }
        }
        return ((loop.keyword + 1)..<loop.open).contains { i in
            guard index.tokens[i].kind == .identifier else { return false }
            if says(i) { return true }
            // The name's own `let`/`var NAME =` earlier in the file, read to the end of its line.
            guard let declared = (0..<i).last(where: { j in
                ["let", "var"].contains(index.text(j)) && index.text(j + 1) == index.text(i) && index.text(j + 2) == "="
            }) else { return false }
            let line = index.line(declared)
            return ((declared + 3)..<i).prefix { index.line($0) == line }.contains(where: says)
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
