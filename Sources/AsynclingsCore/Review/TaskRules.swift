/// Rules about unstructured tasks: `async-foreach`, `dropped-task`, `detached-task`.
enum TaskRules {
    /// Where a `Task { }`, `Task(priority: …) { }` or `Task.detached { }` is created.
    struct Creation {
        /// Index of the `Task` token.
        let start: Int
        /// Index of the last token of the creation: the closure's `}` or the call's `)`.
        let end: Int
        /// Whether it is `Task.detached`.
        let detached: Bool
    }

    /// The notes for every task creation and `forEach` / `map` closure of `index`.
    static func notes(in index: SourceIndex) -> [ReviewNote] {
        var notes: [ReviewNote] = []
        let creations = index.tokens.indices.compactMap { creation(at: $0, in: index) }
        for creation in creations {
            let line = index.line(creation.start)
            if creation.detached {
                // From synchronous code no child task can be made: there, detaching is a choice
                // about priority and task-locals, worth a thought but not a fault.
                let async = index.isInAsyncContext(creation.start)
                notes.append(ReviewNote(
                    rule: .detachedTask, line: line, severity: async ? .actionable : .informative,
                    message: async
                        ? "`Task.detached` runs outside the current task: it loses its priority, task-local values and cancellation; "
                            + "use a child task (task group or async let) instead."
                        : "`Task.detached` does not inherit the caller's priority or task-local values; "
                            + "a plain `Task { }` would, and either way keep the handle so the work can be awaited or cancelled."))
            }
            if isDropped(creation, in: index) {
                notes.append(ReviewNote(
                    rule: .droppedTask, line: line, severity: .actionable,
                    message: "This task's handle is thrown away, so nobody awaits its result, sees its error or can cancel it; "
                        + "await the work directly, or keep the handle and await or cancel it."))
            }
        }
        for open in index.braces.keys.sorted() where index.braces[open] == .closure {
            if let owner = asyncForEachOwner(closure: open, creations: creations, in: index) {
                notes.append(ReviewNote(
                    rule: .asyncForEach, line: index.line(owner), severity: .essential,
                    message: "`\(index.text(owner))` does not wait for async work started in its closure; "
                        + "use a `for` loop, or a task group to run the iterations concurrently."))
            }
        }
        return notes
    }

    /// The task created at `i`, if `i` is the `Task` of a creation.
    static func creation(at i: Int, in index: SourceIndex) -> Creation? {
        // `-> Task<Void, Never> {` is a return type followed by a function body.
        guard index.text(i) == "Task", index.tokens[i].kind == .identifier, ![".", "->"].contains(index.text(i - 1))
        else { return nil }
        var j = i + 1
        if index.text(j) == "<" { j = afterGenericArguments(from: j, in: index) }
        var detached = false
        if index.text(j) == "." {
            guard index.text(j + 1) == "detached" else { return nil }
            detached = true
            j += 2
        }
        var end: Int?
        if index.text(j) == "(", let close = index.partner[j] {
            end = close
            j = close + 1
        }
        if index.text(j) == "{", let close = index.partner[j] { end = close }
        return end.map { Creation(start: i, end: $0, detached: detached) }
    }

    private static func afterGenericArguments(from open: Int, in index: SourceIndex) -> Int {
        var depth = 0
        var j = open
        while j < index.tokens.count {
            let t = index.text(j)
            if index.tokens[j].kind == .operator {
                depth += t.filter { $0 == "<" }.count - t.filter { $0 == ">" }.count
            }
            j += 1
            if depth <= 0 { return j }
        }
        return j
    }

    /// Whether the created task's handle is neither stored, passed on, returned, awaited nor cancelled.
    static func isDropped(_ creation: Creation, in index: SourceIndex) -> Bool {
        let start = creation.start
        let previous = index.text(start - 1)
        if index.text(creation.end + 1) == "." { return false }  // `.value`, `.result`, `.cancel()`
        if previous == "=" && index.text(start - 2) == "_" { return true }  // `_ = Task { }`
        let statementStarts: Set<String> = ["{", "}", ";", "in", "else"]
        let caseLabel = previous == ":" && (index.text(start - 2) == "default" || index.startsLine(start))
        let continuesExpression = index.token(start - 1)?.kind == .operator
            || ["(", "[", ",", ":", "return", "await", "try", "throw"].contains(previous)
        guard start == 0 || caseLabel || (!continuesExpression && (statementStarts.contains(previous) || index.startsLine(start)))
        else { return false }
        return !isImplicitlyReturned(creation, in: index) && !isInCancellationHandler(creation.start, in: index)
            && !reportsToItsOwner(creation, in: index)
    }

    /// `Task { do { try await job(); self.finished(nil) } catch { self.finished(error) } }`: a task that
    /// hands its outcome to the object that started it (it mentions `self` or calls one of the
    /// type's own methods) and lets no error escape or vanish in a `try?`, so the owner hears how it ended.
    static func reportsToItsOwner(_ creation: Creation, in index: SourceIndex) -> Bool {
        guard index.text(creation.end) == "}", let open = index.partner[creation.end] else { return false }
        let body = index.inside(open)
        let ownMethods = methods(ofTypeAround: creation.start, in: index)
        let reports = body.contains { i in
            index.tokens[i].kind == .identifier && index.text(i - 1) != "."
                && (index.text(i) == "self" || (index.text(i + 1) == "(" && ownMethods.contains(index.text(i))))
        }
        return reports && !body.contains { isUncaughtTry(at: $0, taskBody: open, in: index) }
    }

    /// The names of the functions declared in the type or extension whose body holds `i`.
    private static func methods(ofTypeAround i: Int, in index: SourceIndex) -> Set<String> {
        guard let type = index.enclosingBraces(of: i).first(where: { index.braces[$0] == .type }) else { return [] }
        return Set(index.inside(type).filter { index.text($0) == "func" }.map { index.text($0 + 1) })
    }

    /// A `try` of the task body itself that no `do … catch` around it catches, or a `try?` that drops the error.
    private static func isUncaughtTry(at i: Int, taskBody open: Int, in index: SourceIndex) -> Bool {
        guard index.text(i) == "try", index.tokens[i].kind == .identifier, index.text(i + 1) != "!",
              index.scope(of: i) == open else { return false }
        if index.text(i + 1) == "?" { return true }
        for brace in index.enclosingBraces(of: i) {
            if brace == open { return true }
            if index.text(brace - 1) == "do", let close = index.partner[brace], index.text(close + 1) == "catch" { return false }
        }
        return true
    }

    /// `} onCancel: { Task { await self.cancel(id) } }`: a handler that cannot await hops onto an actor this way.
    private static func isInCancellationHandler(_ i: Int, in index: SourceIndex) -> Bool {
        guard let scope = index.scope(of: i) else { return false }
        return index.text(scope - 1) == ":" && index.text(scope - 2) == "onCancel"
    }

    /// `xs.map { Task { … } }` or `func start() -> Task<…> { Task { … } }`: the only expression of a body that returns it.
    private static func isImplicitlyReturned(_ creation: Creation, in index: SourceIndex) -> Bool {
        guard let body = index.parentBrace[creation.start], index.partner[body] == creation.end + 1 else { return false }
        let firstStatement = index.text(creation.start - 1) == "{"
            || (index.text(creation.start - 1) == "in" && index.braces[body] == .closure)
        guard firstStatement else { return false }
        switch index.braces[body] {
        case .function(_, let returnsValue):
            return returnsValue
        case .closure:
            if let owner = index.owner(ofClosure: body), ["map", "compactMap", "flatMap"].contains(index.text(owner)) { return true }
            return ["=", "return"].contains(index.text(body - 1))
        default:
            return false
        }
    }

    /// The `forEach` / `map` name whose closure opening at `open` awaits or starts a task.
    private static func asyncForEachOwner(closure open: Int, creations: [Creation], in index: SourceIndex) -> Int? {
        guard let owner = index.owner(ofClosure: open),
              ["forEach", "map", "compactMap", "flatMap"].contains(where: { index.isMember(owner, $0) }),
              let close = index.partner[open] else { return nil }
        let awaits = index.inside(open).contains { index.text($0) == "await" && index.scope(of: $0) == open }
        let startsTask = creations.contains { $0.start > open && $0.start < close }
        if !awaits && startsTask && index.text(owner) != "forEach" && handlesAreAwaited(mappedBy: owner, closing: close, in: index) {
            return nil
        }
        return awaits || startsTask ? owner : nil
    }

    /// `let tasks = urls.map { url in Task { … } }` followed by `for task in tasks { … await task.value … }`:
    /// the handles `map` makes are kept under a name that is later awaited.
    private static func handlesAreAwaited(mappedBy owner: Int, closing close: Int, in index: SourceIndex) -> Bool {
        guard let (name, at) = binding(ofChainAt: owner, endingAt: close, in: index) else { return false }
        let end = index.scope(of: at).flatMap { index.partner[$0] } ?? index.tokens.count
        for i in (at + 1)..<max(at + 1, end) where index.text(i) == name && index.text(i - 1) != "." {
            let sameLine = index.tokens.indices.filter { index.line($0) == index.line(i) }
            if sameLine.contains(where: { index.text($0) == "await" }) { return true }
            // `for task in tasks { … task.value … }`
            guard index.text(i - 1) == "in", index.text(i - 3) == "for", index.text(i + 1) == "{",
                  let loopEnd = index.partner[i + 1] else { continue }
            let element = index.text(i - 2)
            let awaitsEach = ((i + 2)..<loopEnd).contains { j in
                index.text(j) == element && index.text(j + 1) == "." && ["value", "result"].contains(index.text(j + 2))
            }
            if awaitsEach { return true }
        }
        return false
    }

    /// The name an expression is bound to, with the index of that name: `let tasks = urls.map { … }`, also
    /// when the expression is all a closure returns (`let tasks = scope.withValue(id) { urls.map { … } }`).
    private static func binding(ofChainAt member: Int, endingAt end: Int, in index: SourceIndex) -> (String, Int)? {
        var start = chainStart(member, in: index)
        while ["try", "await"].contains(index.text(start - 1)) { start -= 1 }
        let before = index.text(start - 1)
        if before == "=" {
            var j = start - 2
            while j >= 0, !["{", "}", ";"].contains(index.text(j)), index.line(j) == index.line(start - 1) {
                if ["let", "var"].contains(index.text(j)), index.token(j + 1)?.kind == .identifier { return (index.text(j + 1), j + 1) }
                j -= 1
            }
            return nil
        }
        guard let body = index.parentBrace[start], index.braces[body] == .closure, index.partner[body] == end + 1,
              before == "{" || before == "in", let owner = index.owner(ofClosure: body) else { return nil }
        return binding(ofChainAt: owner, endingAt: end + 1, in: index)
    }

    /// The first token of the postfix chain that ends in the member named at `member`: `items` in `items.enumerated().map`.
    private static func chainStart(_ member: Int, in index: SourceIndex) -> Int {
        var j = member
        while index.text(j - 1) == "." {
            var k = j - 2
            while let open = [")", "]", "}"].contains(index.text(k)) ? index.partner[k] : nil { k = open - 1 }
            while ["?", "!"].contains(index.text(k)) { k -= 1 }
            guard index.token(k)?.kind == .identifier else { break }
            j = k
        }
        return j
    }
}
