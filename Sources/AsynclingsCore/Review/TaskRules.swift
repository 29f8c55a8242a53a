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
                notes.append(ReviewNote(
                    rule: "detached-task", line: line, severity: .actionable,
                    message: "`Task.detached` runs outside the current task: it loses its priority, task-local values and cancellation; "
                        + "use a child task (task group or async let) instead."))
            }
            if isDropped(creation, in: index) {
                notes.append(ReviewNote(
                    rule: "dropped-task", line: line, severity: .actionable,
                    message: "This task's handle is thrown away, so nobody awaits its result, sees its error or can cancel it; "
                        + "await the work directly, or keep the handle and await or cancel it."))
            }
        }
        for open in index.braces.keys.sorted() where index.braces[open] == .closure {
            if let owner = asyncForEachOwner(closure: open, creations: creations, in: index) {
                notes.append(ReviewNote(
                    rule: "async-foreach", line: index.line(owner), severity: .essential,
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
        return awaits || startsTask ? owner : nil
    }
}
