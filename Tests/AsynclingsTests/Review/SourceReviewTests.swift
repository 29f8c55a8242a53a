import XCTest
@testable import AsynclingsCore

/// Each rule: a source that must trigger it (rule id and line), sources that must not,
/// and the triggering source hidden in comments and string literals, where it must stay silent.
final class SourceReviewTests: XCTestCase {
    // MARK: helpers

    private func review(_ source: String, parallel: Bool = false, limit: Bool = false, clock: Bool = false, off: Set<ReviewRule> = []) -> [ReviewNote] {
        SourceReview.review(source, settings: ReviewSettings(parallel: parallel, limit: limit, clock: clock, off: off))
    }

    private func lines(of rule: ReviewRule, in source: String, parallel: Bool = false, limit: Bool = false, clock: Bool = false) -> [Int] {
        review(source, parallel: parallel, limit: limit, clock: clock).filter { $0.rule == rule }.map(\.line)
    }

    /// The same text as a `//` comment, `///` comment, `/* */` comment (nested too), string, multi-line string and raw strings.
    private func disguises(of source: String) -> [String] {
        precondition(!source.contains("\"\"\"") && !source.contains("\"#") && !source.contains("*/"))
        let sourceLines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let oneLine = sourceLines.joined(separator: " ")
        let escaped = oneLine.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        let hidden = [
            sourceLines.map { "// " + $0 }.joined(separator: "\n"),
            sourceLines.map { "/// " + $0 }.joined(separator: "\n"),
            "/*\n" + source + "\n*/",
            "/* outer /* inner */\n" + source + "\n*/",
            "let text = \"" + escaped + "\"",
            "let text = \"\"\"\n" + source.replacingOccurrences(of: "\\", with: "\\\\") + "\n\"\"\"",
            "let text = #\"" + oneLine + "\"#",
            "let text = #\"\"\"\n" + source + "\n\"\"\"#",
        ]
        return hidden.map { "func host() async throws {\n" + $0 + "\n}\n" }
    }

    /// Asserts that `source` triggers `rule` on `line`, and that no disguise of it triggers anything.
    private func assertTriggers(
        _ rule: ReviewRule, line: Int, in source: String, parallel: Bool = false, limit: Bool = false, clock: Bool = false,
        file: StaticString = #filePath, testLine: UInt = #line
    ) {
        XCTAssertTrue(lines(of: rule, in: source, parallel: parallel, limit: limit, clock: clock).contains(line),
                      "expected \(rule) on line \(line); got \(review(source, parallel: parallel, limit: limit, clock: clock))",
                      file: file, line: testLine)
        XCTAssertTrue(ReviewRule.allCases.contains(rule), file: file, line: testLine)
        for hidden in disguises(of: source) {
            XCTAssertEqual(review(hidden, parallel: parallel, limit: limit, clock: clock), [], "noted inside:\n\(hidden)", file: file, line: testLine)
        }
        XCTAssertEqual(review(source, parallel: parallel, limit: limit, clock: clock, off: [rule]).filter { $0.rule == rule }, [],
                       "off must silence \(rule)", file: file, line: testLine)
    }

    private func assertQuiet(
        _ rule: ReviewRule, in source: String, parallel: Bool = false, limit: Bool = false, clock: Bool = false,
        file: StaticString = #filePath, testLine: UInt = #line
    ) {
        XCTAssertEqual(lines(of: rule, in: source, parallel: parallel, limit: limit, clock: clock), [],
                       "unexpected \(rule): \(review(source, parallel: parallel, limit: limit, clock: clock))", file: file, line: testLine)
    }

    // MARK: whole answers

    private let taskGroupFetchAll = #"""
        import Foundation
        import InterviewKit

        // Intent: start every request at once in a throwing task group; keep input order by index.

        /// Fetches every URL concurrently and returns the bodies in the order of `urls`.
        func fetchAll(_ urls: [URL], client: some HTTPClient) async throws -> [Data] {
            try await withThrowingTaskGroup(of: (Int, Data).self) { group in
                for (index, url) in urls.enumerated() {
                    group.addTask { (index, try await client.get(url)) }
                }
                var bodies = [Data?](repeating: nil, count: urls.count)
                for try await (index, body) in group {
                    bodies[index] = body
                }
                return bodies.map { $0! }
            }
        }
        """#

    func test_taskGroupFetchAll_hasNoNotes() {
        XCTAssertEqual(review(taskGroupFetchAll, parallel: true), [])
    }

    func test_notesAreSortedByLineThenRule() {
        let source = #"""
            func f(_ ids: [Int]) async {
                ids.forEach { id in Task.detached { await work(id) } }
                let x = try? await load()
            }
            """#
        let notes = review(source)
        XCTAssertEqual(notes.map(\.line), [2, 2, 2, 3])
        XCTAssertEqual(notes.map(\.rule), [.asyncForEach, .detachedTask, .droppedTask, .swallowedError])
        XCTAssertEqual(review(source, off: [.asyncForEach, .droppedTask]).map(\.rule), [.detachedTask, .swallowedError])
        XCTAssertTrue(notes.allSatisfy { !$0.message.isEmpty })
    }

    func test_reviewNoteEncodesAsTheReportShowsIt() throws {
        let note = ReviewNote(rule: .droppedTask, line: 3, severity: .actionable, message: "m")
        let json = String(decoding: try JSONEncoder().encode(note), as: UTF8.self)
        XCTAssertTrue(json.contains("\"severity\":\"actionable\""))
        XCTAssertEqual(try JSONDecoder().decode(ReviewNote.self, from: Data(json.utf8)), note)
    }

    // MARK: sequential-await-in-loop

    private let sequentialFetch = #"""
        func fetchAll(_ urls: [URL], client: some HTTPClient) async throws -> [Data] {
            var bodies: [Data] = []
            for url in urls {
                bodies.append(try await client.get(url))
            }
            return bodies
        }
        """#

    func test_sequentialAwait_flagsTheAwaitLine() {
        assertTriggers(.sequentialAwaitInLoop, line: 4, in: sequentialFetch, parallel: true)
        let note = review(sequentialFetch, parallel: true).first { $0.rule == .sequentialAwaitInLoop }
        XCTAssertEqual(note?.severity, .essential)
    }

    func test_sequentialAwait_oneLineLoop() {
        let source = #"""
            func fetchAll(_ urls: [URL], client: some HTTPClient) async throws -> [Data] {
                var bodies: [Data] = []
                for url in urls { bodies.append(try await client.get(url)) }
                return bodies
            }
            """#
        assertTriggers(.sequentialAwaitInLoop, line: 3, in: source, parallel: true)
    }

    func test_sequentialAwait_whileAndRepeatLoopsAndNestedIf() {
        let source = #"""
            func drain(_ queue: JobQueue) async throws {
                while queue.hasMore {
                    if queue.isReady {
                        try await queue.runNext()
                    }
                }
                repeat {
                    await queue.flush()
                } while queue.isDirty
            }
            """#
        XCTAssertEqual(lines(of: .sequentialAwaitInLoop, in: source, parallel: true), [4, 8])
    }

    func test_sequentialAwait_onlyWhenTheExerciseWantsParallel() {
        assertQuiet(.sequentialAwaitInLoop, in: sequentialFetch, parallel: false)
    }

    func test_sequentialAwait_ignoresAsyncSequencesGroupsAndStartedTasks() {
        let source = #"""
            func collect(_ urls: [URL], client: some HTTPClient, stream: AsyncStream<Int>) async throws -> [Data] {
                let tasks = urls.map { url in Task { try await client.get(url) } }
                var bodies: [Data] = []
                for task in tasks {
                    bodies.append(try await task.value)
                }
                for await value in stream {
                    await record(value)
                }
                try await withThrowingTaskGroup(of: Data.self) { group in
                    for (index, url) in urls.enumerated() {
                        if index >= 4 { try await group.next() }
                        group.addTask { try await client.get(url) }
                    }
                    while let body = try await group.next() {
                        bodies.append(body)
                    }
                }
                for url in urls {
                    Task { await warm(url) }
                }
                for delay in delays {
                    try await Task.sleep(for: delay)
                    await Task.yield()
                }
                return bodies
            }
            """#
        assertQuiet(.sequentialAwaitInLoop, in: source, parallel: true)
    }

    func test_sequentialAwait_awaitInLoopHeaderIsNotInTheBody() {
        let source = #"""
            func f() async {
                for item in await loadItems() {
                    use(item)
                }
            }
            """#
        assertQuiet(.sequentialAwaitInLoop, in: source, parallel: true)
    }

    // MARK: async-foreach

    private let forEachTask = #"""
        func fetchAll(_ urls: [URL], client: some HTTPClient) async throws -> [Data] {
            let bodies = Bodies()
            urls.forEach { url in
                Task {
                    let body = try await client.get(url)
                    bodies.add(body)
                }
            }
            return bodies.all
        }
        """#

    func test_asyncForEach_forEachStartingTasks() {
        assertTriggers(.asyncForEach, line: 3, in: forEachTask)
        assertTriggers(.droppedTask, line: 4, in: forEachTask)
    }

    func test_asyncForEach_mapOfTasksAndForEachWithParentheses() {
        let source = #"""
            func start(_ urls: [URL], client: some HTTPClient) async throws {
                let tasks = urls.map { url in
                    Task { try await client.get(url) }
                }
                ids.forEach({ id in Task.detached { await process(id) } })
                _ = tasks
            }
            """#
        assertTriggers(.asyncForEach, line: 2, in: source)
        XCTAssertEqual(lines(of: .asyncForEach, in: source), [2, 5])
        XCTAssertEqual(lines(of: .droppedTask, in: source), [5], "the mapped tasks are kept in `tasks`")
    }

    func test_asyncForEach_closureThatAwaits() {
        let source = #"""
            func save(_ records: [Record], store: Store) async {
                records.forEach { record in
                    await store.save(record)
                }
            }
            """#
        assertTriggers(.asyncForEach, line: 2, in: source)
    }

    func test_asyncForEach_ignoresSynchronousClosuresAndChildTasks() {
        let source = #"""
            func f(_ users: [User]) async {
                users.forEach { print($0.name) }
                let names = users.map { $0.name }
                await withTaskGroup(of: Void.self) { group in
                    users.forEach { user in
                        group.addTask { await notify(user) }
                    }
                }
                _ = names
            }
            """#
        assertQuiet(.asyncForEach, in: source)
    }

    // MARK: dropped-task

    private let unawaitedSave = #"""
        func handle(_ order: Order, store: some OrderStore) async -> Response {
            Task {
                try await store.save(order)
            }
            return .ok
        }
        """#

    func test_droppedTask_fireAndForget() {
        assertTriggers(.droppedTask, line: 2, in: unawaitedSave)
        XCTAssertEqual(review(unawaitedSave).first?.severity, .actionable)
    }

    func test_droppedTask_otherSpellings() {
        let source = #"""
            func kick() {
                Task(priority: .background) { await refresh() }
                _ = Task { await refresh() }
                if ready { Task { await refresh() } } else { Task.detached { await refresh() } }
                let url = "https://example.com"; Task { await open(url) }
            }
            """#
        XCTAssertEqual(lines(of: .droppedTask, in: source), [2, 3, 4, 5])
    }

    func test_droppedTask_ignoresKeptAwaitedReturnedAndCancelledTasks() {
        let source = #"""
            final class Worker {
                var task: Task<Void, Never>?
                var tasks: [Int: Task<Int, Never>] = [:]

                func start() -> Task<Void, Never> {
                    Task { await work() }
                }

                func run(id: Int) async {
                    let handle = Task { await work() }
                    self.task = Task { await work() }
                    tasks[id] = Task<Int, Never> { 1 }
                    all.append(Task { await work() })
                    let value = await Task { 42 }.value
                    Task { await work() }.cancel()
                    consume(handle, value)
                }

                func later() -> Task<Int, Never> {
                    return Task.detached { 1 }
                }

                func wait(id: Int) async {
                    await withTaskCancellationHandler {
                        await park(id)
                    } onCancel: {
                        Task { await self.unpark(id) }
                    }
                }
            }
            """#
        assertQuiet(.droppedTask, in: source)
    }

    // MARK: swallowed-error

    func test_swallowedError_tryQuestionMark() {
        let source = #"""
            func handle(_ order: Order, store: some OrderStore) async -> Response {
                try? await store.save(order)
                return .ok
            }
            """#
        assertTriggers(.swallowedError, line: 2, in: source)
        let note = review(source).first
        XCTAssertEqual(note?.severity, .informative)
        XCTAssertTrue(note?.message.contains("nil") ?? false)
    }

    func test_swallowedError_catchBlocksThatLoseTheError() {
        let source = #"""
            func f() async {
                do {
                    try await a()
                } catch {
                }
                do {
                    try await b()
                } catch {
                    print("something went wrong")
                }
                do {
                    try await c()
                } catch let failure as URLError {
                    log("network")
                }
            }
            """#
        assertTriggers(.swallowedError, line: 4, in: source)
        XCTAssertEqual(lines(of: .swallowedError, in: source), [4, 8, 13])
        XCTAssertTrue(review(source).allSatisfy { $0.severity == .actionable })
    }

    func test_swallowedError_fallbackValueIsOnlyInformative() {
        let source = #"""
            func f() async -> Preferences {
                var preferences: Preferences
                do {
                    preferences = try await load()
                } catch {
                    preferences = .standard
                }
                return preferences
            }
            """#
        let notes = review(source)
        XCTAssertEqual(notes.map(\.rule), [.swallowedError])
        XCTAssertEqual(notes.map(\.line), [5])
        XCTAssertEqual(notes.first?.severity, .informative)
    }

    func test_swallowedError_ignoresCatchesThatHandleTheError() {
        let source = #"""
            func f(continuation: CheckedContinuation<Data, any Error>) async throws -> Result<Data, any Error> {
                do { try await a() } catch { throw error }
                do { try await a() } catch { errors.append(error) }
                do { try await a() } catch let failure { lastError = failure }
                do { try await a() } catch { continuation.resume(throwing: error) }
                do { try await a() } catch is CancellationError { cleanUp() }
                do { try await a() } catch TimeoutError.expired { cleanUp() }
                do { try await a() } catch { fatalError("unreachable") }
                let forced = try! decode()
                do {
                    return .success(try await a())
                } catch {
                    return .failure(error)
                }
            }
            """#
        assertQuiet(.swallowedError, in: source)
    }

    // MARK: blocking-call

    func test_blockingCall_semaphoreWait() {
        let source = #"""
            func mapLimited(_ items: [Int], limit: Int) async {
                let semaphore = DispatchSemaphore(value: limit)
                for item in items {
                    semaphore.wait()
                    work(item)
                    semaphore.signal()
                }
            }
            """#
        assertTriggers(.blockingCall, line: 4, in: source)
        XCTAssertEqual(review(source).first { $0.rule == .blockingCall }?.severity, .essential)
    }

    func test_blockingCall_sleeps() {
        let source = #"""
            func f() async {
                Thread.sleep(forTimeInterval: 0.1)
                sleep(1)
                usleep(500)
            }
            """#
        assertTriggers(.blockingCall, line: 2, in: source)
        XCTAssertEqual(lines(of: .blockingCall, in: source), [2, 3, 4])
    }

    func test_blockingCall_dispatchQueueSync() {
        let source = #"""
            let worker = DispatchQueue(label: "checksum")
            func total(_ chunks: [[UInt8]]) async -> UInt64 {
                var sum: UInt64 = 0
                for chunk in chunks {
                    sum &+= worker.sync { checksum(chunk) }
                    await Task.yield()
                }
                worker.sync(execute: { print(sum) })
                return sum
            }
            """#
        assertTriggers(.blockingCall, line: 5, in: source)
        XCTAssertEqual(lines(of: .blockingCall, in: source), [5, 8])
        assertQuiet(.blockingCall, in: "func f(_ items: [Int]) async { let ok = items.sync { $0 } }")
    }

    func test_blockingCall_lockHeldAcrossAwait() {
        let source = #"""
            let lock = NSLock()
            func update() async {
                lock.lock()
                await save()
                lock.unlock()
            }
            func guarded() async {
                lock.lock()
                defer { lock.unlock() }
                await save()
            }
            """#
        assertTriggers(.blockingCall, line: 3, in: source)
        XCTAssertEqual(lines(of: .blockingCall, in: source), [3, 8])
    }

    func test_blockingCall_ignoresSuspendingWaitsAndShortLocks() {
        let source = #"""
            let lock = NSLock()
            func f(clock: some Clock<Duration>, gate: Gate) async throws {
                try await Task.sleep(for: .seconds(1))
                try await clock.sleep(for: .milliseconds(10))
                await gate.wait()
                lock.lock()
                count += 1
                lock.unlock()
                await save()
                let sleep = 3
                _ = sleep
            }
            func sleep(seconds: Int) {}
            """#
        assertQuiet(.blockingCall, in: source)
    }

    // MARK: detached-task

    func test_detachedTask() {
        let source = #"""
            func handleRequest(id: String, items: [Int]) async throws {
                var tasks: [Task<Void, any Error>] = []
                for item in items {
                    tasks.append(Task.detached(priority: .low) { try await work(item) })
                }
                for task in tasks { try await task.value }
            }
            """#
        assertTriggers(.detachedTask, line: 4, in: source)
        assertQuiet(.droppedTask, in: source)
    }

    func test_detachedTask_ignoresPlainTasks() {
        let source = #"""
            func f() async {
                let task = Task { await work() }
                await task.value
                let detached = true
                _ = detached
            }
            """#
        assertQuiet(.detachedTask, in: source)
    }

    // MARK: unbounded-group

    private let unboundedGroup = #"""
        func mapConcurrently<T: Sendable, R: Sendable>(_ items: [T], limit: Int, transform: @escaping @Sendable (T) async throws -> R) async throws -> [R] {
            try await withThrowingTaskGroup(of: (Int, R).self) { group in
                for (index, item) in items.enumerated() {
                    group.addTask { (index, try await transform(item)) }
                }
                var results = [R?](repeating: nil, count: items.count)
                for try await (index, result) in group { results[index] = result }
                return results.map { $0! }
            }
        }
        """#

    func test_unboundedGroup_addTaskPerElement() {
        assertTriggers(.unboundedGroup, line: 4, in: unboundedGroup, limit: true)
    }

    func test_unboundedGroup_onlyWhenTheExerciseAsksForALimit() {
        assertQuiet(.unboundedGroup, in: unboundedGroup, limit: false)
    }

    func test_unboundedGroup_ignoresBoundedLoops() {
        let source = #"""
            func mapConcurrently<T: Sendable, R: Sendable>(_ items: [T], limit: Int, transform: @escaping @Sendable (T) async throws -> R) async throws -> [R] {
                try await withThrowingTaskGroup(of: (Int, R).self) { group in
                    for (index, item) in items.enumerated() {
                        if index >= limit {
                            _ = try await group.next()
                        }
                        group.addTask { (index, try await transform(item)) }
                    }
                    var iterator = items.enumerated().makeIterator()
                    for _ in 0..<limit {
                        guard let (index, item) = iterator.next() else { break }
                        group.addTask { (index, try await transform(item)) }
                    }
                    return []
                }
            }
            """#
        assertQuiet(.unboundedGroup, in: source, limit: true)
    }

    // MARK: no-cancellation-check

    private let checksumLoop = #"""
        func checksumAll(_ blob: [UInt8], chunkSize: Int) async throws -> UInt64 {
            var sum: UInt64 = 0
            for start in stride(from: 0, to: blob.count, by: chunkSize) {
                sum &+= checksum(blob[start..<min(start + chunkSize, blob.count)])
            }
            return sum
        }
        """#

    func test_noCancellationCheck_longLoopInAsyncFunction() {
        assertTriggers(.noCancellationCheck, line: 3, in: checksumLoop)
        XCTAssertEqual(review(checksumLoop).first?.severity, .informative)
    }

    func test_noCancellationCheck_longWhileLoopInAChildTask() {
        let source = #"""
            func crunch(_ group: inout ThrowingTaskGroup<Int, any Error>, numbers: [Int]) {
                group.addTask {
                    var i = 0
                    var total = 0
                    while i < numbers.count {
                        total += numbers[i] * numbers[i]
                        total %= 1_000_003
                        i += 1
                    }
                    return total
                }
            }
            """#
        assertTriggers(.noCancellationCheck, line: 5, in: source)
    }

    func test_noCancellationCheck_ignoresCheckedSuspendingShortAndSyncLoops() {
        let source = #"""
            func checked(_ blob: [UInt8], chunkSize: Int) async throws -> UInt64 {
                var sum: UInt64 = 0
                for start in stride(from: 0, to: blob.count, by: chunkSize) {
                    try Task.checkCancellation()
                    sum &+= checksum(blob[start..<min(start + chunkSize, blob.count)])
                }
                for start in stride(from: 0, to: blob.count, by: chunkSize) {
                    sum &+= checksum(blob[start..<min(start + chunkSize, blob.count)])
                    await Task.yield()
                }
                while !Task.isCancelled && sum < 10 { sum += 1 }
                for value in blob { sum &+= UInt64(value) }
                return sum
            }
            func syncChecksum(_ blob: [UInt8]) -> UInt64 {
                var sum: UInt64 = 0
                for i in 0..<blob.count { sum &+= UInt64(blob[i]) }
                return sum
            }
            func onDispatch(_ blob: [UInt8]) async {
                DispatchQueue.global().async {
                    for i in 0..<blob.count { consume(blob[i]) }
                }
            }
            """#
        assertQuiet(.noCancellationCheck, in: source)
    }

    // MARK: escape hatches

    func test_uncheckedSendable() {
        let source = #"""
            import Foundation

            final class Box: @unchecked Sendable {
                var value = 0
            }
            """#
        assertTriggers(.uncheckedSendable, line: 3, in: source)
        assertQuiet(.uncheckedSendable, in: "final class Box: Sendable { let value = 0 }\nlet f: @Sendable () -> Void = {}")
    }

    func test_nonisolatedUnsafe() {
        let source = #"""
            enum Current {
                nonisolated(unsafe) static var requestID: String?
            }
            """#
        assertTriggers(.nonisolatedUnsafe, line: 2, in: source)
        assertQuiet(.nonisolatedUnsafe, in: "actor A {\n    nonisolated func describe() -> String { \"A\" }\n}")
    }

    func test_unsafeContinuation() {
        let source = #"""
            func get(_ key: String, sdk: LegacySDK) async throws -> Item {
                try await withUnsafeThrowingContinuation { continuation in
                    sdk.getItem(key) { item, error in
                        if let item { continuation.resume(returning: item) }
                    }
                }
            }
            func ping() async {
                await withUnsafeContinuation { $0.resume() }
            }
            """#
        assertTriggers(.unsafeContinuation, line: 2, in: source)
        XCTAssertEqual(lines(of: .unsafeContinuation, in: source), [2, 9])
        let checked = source.replacingOccurrences(of: "withUnsafe", with: "withChecked")
        assertQuiet(.unsafeContinuation, in: checked)
    }

    // MARK: correct answers in several styles

    /// Every reference and alternative answer of the catalog, reviewed with its exercise's settings,
    /// gets no note that withholds interview-ready: each rule is tried on correct code of every style.
    func test_correctAnswers_catalogReferencesAndAlternativesGetNoWithholdingNote() throws {
        var checked = 0
        for exercise in try TestSupport.catalog.exercises {
            let files = [exercise.referenceFile] + VerifyCommand.swiftFiles(in: VerifyCommand.alternativesFolder(of: exercise))
            for file in files {
                let notes = SourceReview.review(try String(contentsOf: file, encoding: .utf8), settings: ReviewSettings(for: exercise))
                let withholding = notes.filter { $0.severity != .informative }
                XCTAssertEqual(withholding, [], "\(exercise.name) \(file.lastPathComponent)")
                checked += 1
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 19 + 2 * 18)
    }

    func test_unboundedGroup_slidingWindowThatRefillsWhileIteratingTheGroup() {
        let source = #"""
            func mapConcurrently<T: Sendable, R: Sendable>(_ items: [T], limit: Int, transform: @escaping @Sendable (T) async throws -> R) async throws -> [R] {
                try await withThrowingTaskGroup(of: (Int, R).self) { group in
                    var nextIndex = 0
                    while nextIndex < min(limit, items.count) {
                        let index = nextIndex, item = items[index]
                        group.addTask { (index, try await transform(item)) }
                        nextIndex += 1
                    }
                    var results = [R?](repeating: nil, count: items.count)
                    for try await (index, result) in group {
                        results[index] = result
                        if nextIndex < items.count {
                            let refill = nextIndex, item = items[refill]
                            group.addTask { (refill, try await transform(item)) }
                            nextIndex += 1
                        }
                    }
                    return results.map { $0! }
                }
            }
            """#
        assertQuiet(.unboundedGroup, in: source, limit: true)
    }

    func test_unboundedGroup_childrenThatWaitForASlotFirst() {
        let source = #"""
            func mapConcurrently<T: Sendable, R: Sendable>(_ items: [T], limit: Int, transform: @escaping @Sendable (T) async throws -> R) async throws -> [R] {
                let gate = Gate(slots: limit)
                return try await withThrowingTaskGroup(of: (Int, R).self) { group in
                    for (index, item) in items.enumerated() {
                        group.addTask {
                            await gate.enter()
                            defer { gate.leave() }
                            return (index, try await transform(item))
                        }
                    }
                    for (index, item) in items.enumerated() {
                        group.addTask { [gate] in
                            try await gate.acquire()
                            let value = try await transform(item)
                            return (index, value)
                        }
                    }
                    return []
                }
            }
            """#
        assertQuiet(.unboundedGroup, in: source, limit: true)
    }

    func test_unboundedGroup_stillFlagsLoopsThatNothingHoldsBack() {
        let source = #"""
            func mapAll(_ items: [Int], limit: Int, stream: AsyncStream<Int>) async throws -> [Int] {
                try await withThrowingTaskGroup(of: Int.self) { group in
                    for await item in stream {
                        group.addTask { try await transform(item) }
                    }
                    for item in items {
                        group.addTask {
                            let value = try await transform(item)
                            await log(value)
                            return value
                        }
                    }
                    for item in items {
                        group.addTask { try await transform(item) }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
            }
            """#
        XCTAssertEqual(lines(of: .unboundedGroup, in: source, limit: true), [4, 7, 14])
    }

    func test_sequentialAwait_loopThatFeedsAGroupAndPacesItself() {
        let source = #"""
            func fetchAll(_ urls: [URL], client: some HTTPClient, gate: Gate) async throws -> [Data] {
                try await withThrowingTaskGroup(of: (Int, Data).self) { group in
                    var bodies = [Data?](repeating: nil, count: urls.count)
                    for (index, url) in urls.enumerated() {
                        await gate.enter()
                        group.addTask {
                            defer { Task { await gate.leave() } }
                            return (index, try await client.get(url))
                        }
                    }
                    for (index, url) in urls.enumerated() {
                        if index >= 4 {
                            try await group.next().map { bodies[$0.0] = $0.1 }
                        }
                        group.addTask { (index, try await client.get(url)) }
                    }
                    return bodies.map { $0! }
                }
            }
            """#
        assertQuiet(.sequentialAwaitInLoop, in: source, parallel: true)
    }

    func test_sequentialAwait_stillFlagsWorkAwaitedWhileFeedingAGroup() {
        let source = #"""
            func parseAll(_ urls: [URL], client: some HTTPClient) async throws {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for url in urls {
                        let data = try await client.get(url)
                        group.addTask { try parse(data) }
                    }
                }
            }
            """#
        assertTriggers(.sequentialAwaitInLoop, line: 4, in: source, parallel: true)
    }

    func test_asyncForEach_mappedTasksThatAreAllAwaited() {
        let source = #"""
            func fetchAllSettled(_ urls: [URL], client: some HTTPClient) async -> [Result<Data, any Error>] {
                let tasks = urls.map { url in
                    Task { try await client.get(url) }
                }
                var results: [Result<Data, any Error>] = []
                for task in tasks {
                    results.append(await task.result)
                }
                return results
            }

            func handle(id: String, items: [Int]) async throws {
                let tasks = RequestContext.$requestID.withValue(id) {
                    items.map { item in Task { try await work(item) } }
                }
                for task in tasks {
                    do { try await task.value } catch { throw error }
                }
            }

            func sum(_ ids: [Int]) async -> Int {
                let handles = ids.enumerated().map { pair in Task { await load(pair.element) } }
                return await handles.asyncReduce(0) { $0 + $1 }
            }
            """#
        assertQuiet(.asyncForEach, in: source)
        assertQuiet(.droppedTask, in: source)
    }

    func test_asyncForEach_stillFlagsMappedTasksNobodyAwaits() {
        let source = #"""
            func start(_ urls: [URL], client: some HTTPClient) async {
                urls.map { url in Task { try await client.get(url) } }
                let tasks = urls.map { url in Task { try await client.get(url) } }
                print(tasks.count)
                urls.forEach { url in Task { await client.warm(url) } }
            }
            """#
        XCTAssertEqual(lines(of: .asyncForEach, in: source), [2, 3, 5])
    }

    func test_droppedTask_taskThatReportsToItsOwner() {
        let source = #"""
            actor JobTracker {
                private var running = 0
                private var errors: [any Error] = []

                func submit(_ job: @escaping @Sendable () async throws -> Void) {
                    running += 1
                    Task {
                        do {
                            try await job()
                            self.jobEnded(nil)
                        } catch {
                            self.jobEnded(error)
                        }
                    }
                    Task { await refresh() }
                }

                private func jobEnded(_ error: (any Error)?) {
                    running -= 1
                    if let error { errors.append(error) }
                }

                private func refresh() async {}
            }
            """#
        assertQuiet(.droppedTask, in: source)
    }

    func test_droppedTask_stillFlagsTasksWhoseErrorOrOutcomeIsLost() {
        let source = #"""
            actor Saver {
                func save(_ order: Order, store: some OrderStore) {
                    Task { try await self.persist(order) }
                    Task { try await store.save(order) }
                    Task {
                        try await store.save(order)
                        self.saved += 1
                    }
                    Task {
                        try? await store.save(order)
                        self.saved += 1
                    }
                }
            }
            """#
        XCTAssertEqual(lines(of: .droppedTask, in: source), [3, 4, 5, 9])
    }

    // MARK: real-clock

    func test_realClock_taskSleepInATimeout() {
        let source = #"""
            func fetch(_ url: URL, client: some HTTPClient, timeout: Duration, clock: some Clock<Duration>) async throws -> Data {
                try await withThrowingTaskGroup(of: Data.self) { group in
                    group.addTask { try await client.get(url) }
                    group.addTask {
                        try await Task.sleep(for: timeout)
                        throw TimeoutError()
                    }
                    defer { group.cancelAll() }
                    return try await group.next()!
                }
            }
            """#
        assertTriggers(.realClock, line: 5, in: source, clock: true)
        let note = review(source, clock: true).first { $0.rule == .realClock }
        XCTAssertEqual(note?.severity, .actionable)
        XCTAssertTrue(note?.message.contains("`Task.sleep`") ?? false)
        XCTAssertTrue(note?.message.contains("clock.sleep") ?? false, "the note says to use the given clock")
    }

    func test_realClock_continuousClockInARetry() {
        let source = #"""
            func withRetry<T: Sendable>(_ policy: RetryPolicy, clock: some Clock<Duration>, operation: @escaping @Sendable () async throws -> T) async throws -> T {
                let timer = ContinuousClock()
                var delay = policy.initialDelay
                for _ in 1..<policy.maxAttempts {
                    do { return try await operation() } catch { try await timer.sleep(for: delay) }
                    delay = min(delay * policy.multiplier, policy.maxDelay)
                }
                try await Task.sleep(nanoseconds: 1_000_000)
                try await Task.sleep(for: delay, clock: .suspending)
                return try await operation()
            }
            """#
        assertTriggers(.realClock, line: 2, in: source, clock: true)
        XCTAssertEqual(lines(of: .realClock, in: source, clock: true), [2, 8, 9])
    }

    func test_realClock_dateForTimingARateLimiter() {
        let source = #"""
            actor RateLimiter<C: Clock> where C.Duration == Duration {
                private var stamps: [Date] = []
                func acquire() async throws {
                    let now = Date()
                    stamps.removeAll { now.timeIntervalSince($0) >= 1 }
                    stamps.append(Date.now)
                }
            }
            """#
        assertTriggers(.realClock, line: 4, in: source, clock: true)
        XCTAssertEqual(lines(of: .realClock, in: source, clock: true), [4, 6])
    }

    func test_realClock_quietOnTheGivenClockAndWhereNoClockIsGiven() {
        let source = #"""
            func fetch(_ url: URL, client: some HTTPClient, timeout: Duration, clock: some Clock<Duration>) async throws -> Data {
                let start = clock.now
                try await clock.sleep(for: timeout)
                try await clock.sleep(until: start.advanced(by: timeout), tolerance: nil)
                try await Task.sleep(for: timeout, clock: clock)
                let date = Date(timeIntervalSince1970: 0)
                _ = (start, date)
                return try await client.get(url)
            }
            """#
        assertQuiet(.realClock, in: source, clock: true)
        let real = "func f() async throws {\n    try await Task.sleep(for: .seconds(1))\n    _ = Date()\n}\n"
        assertQuiet(.realClock, in: real, clock: false)
    }

    func test_realClock_onExactlyTheExercisesWhoseStarterTakesAClock() throws {
        let withClock = try TestSupport.catalog.exercises.filter { ReviewSettings(for: $0).clock }.map(\.name)
        XCTAssertEqual(withClock, ["fetch-with-timeout", "fetch-all-resilient", "retry-backoff", "latest-wins-search", "hedged-request", "rate-limiter"])
    }

    // MARK: robustness

    func test_interpolatedAwaitInsideAStringIsNotCode() {
        let source = #"""
            func f(_ urls: [URL]) async {
                for url in urls {
                    print("fetched \(await size(of: url)) bytes, // not a comment")
                }
            }
            """#
        XCTAssertEqual(review(source, parallel: true), [])
    }

    func test_unbalancedSourceDoesNotCrash() {
        for source in ["func f() async {", "}}}", "for x in { await", "Task {", "do { } catch {", "\"unterminated", "/* open"] {
            _ = review(source, parallel: true, limit: true)
        }
    }

    /// Found by blind answers: a worker pool's loop runs inside each worker, side by side with the
    /// others, and a first batch bounded through a named `min(limit, …)` is bounded.
    func testAWorkerLoopAndANamedFirstBatchGetNoNote() {
        let pool = """
        func boundedMap(_ items: [Int], limit: Int, transform: @escaping @Sendable (Int) async throws -> Int) async throws -> [Int] {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<min(limit, items.count) {
                    group.addTask {
                        while !Task.isCancelled, let index = shared.claim() {
                            let result = try await transform(items[index])
                            shared.store(result, at: index)
                        }
                    }
                }
                try await group.waitForAll()
            }
            return shared.results
        }
        """
        XCTAssertEqual(lines(of: .sequentialAwaitInLoop, in: pool, parallel: true, limit: true), [])
        let window = """
        func boundedMap(_ items: [Int], limit: Int, transform: @escaping @Sendable (Int) async throws -> Int) async throws -> [Int] {
            try await withThrowingTaskGroup(of: (Int, Int).self) { group in
                let initial = min(limit, items.count)
                for index in 0..<initial {
                    group.addTask { (index, try await transform(items[index])) }
                }
                var next = initial
                while let (index, value) = try await group.next() {
                    results[index] = value
                    if next < items.count { group.addTask { (next, try await transform(items[next])) }; next += 1 }
                }
            }
        }
        """
        XCTAssertEqual(lines(of: .unboundedGroup, in: window, parallel: true, limit: true), [])
        // Still flagged: a loop over every item that awaits each one in turn, and one child per item.
        let sequential = "func f(_ items: [Int]) async throws {\n    for item in items {\n        _ = try await work(item)\n    }\n}\n"
        XCTAssertEqual(lines(of: .sequentialAwaitInLoop, in: sequential, parallel: true), [3])
        let unbounded = "func f(_ items: [Int]) async throws {\n    try await withThrowingTaskGroup(of: Int.self) { group in\n        for item in items {\n            group.addTask { try await work(item) }\n        }\n    }\n}\n"
        XCTAssertEqual(lines(of: .unboundedGroup, in: unbounded, limit: true), [4])
    }

    /// Found by blind answers: from synchronous code no child task can be made, so detaching is
    /// worth a thought, not a fault; and a catch that passes cancellation on and records the
    /// failure handles its error.
    func testDetachingFromSyncCodeAndARecordingCatchAreNotFaults() {
        let submit = "final class Tracker {\n    func submit(_ job: @escaping @Sendable () async throws -> Void) {\n        let task = Task.detached { try await job() }\n        keep(task)\n    }\n}\n"
        XCTAssertEqual(review(submit).filter { $0.rule == .detachedTask }.map(\.severity), [.informative])
        let fromAsync = "func f() async {\n    let task = Task.detached { await work() }\n    await task.value\n}\n"
        XCTAssertEqual(review(fromAsync).filter { $0.rule == .detachedTask }.map(\.severity), [.actionable])
        let recording = "func f() async throws {\n    do {\n        try await work()\n    } catch {\n        try Task.checkCancellation()\n        await tally.failed(index)\n    }\n}\n"
        XCTAssertEqual(lines(of: .swallowedError, in: recording), [])
        let swallowing = "func f() async {\n    do {\n        try await work()\n    } catch {\n        count += 1\n    }\n}\n"
        XCTAssertEqual(review(swallowing).filter { $0.rule == .swallowedError }.count, 1)
    }
}
