import Foundation
import InterviewHarness
import InterviewKit
import Synchronization
import XCTest

final class CPUBoundWorkTests: XCTestCase {
    /// Watches every `checksum` call through `ChecksumProbe`: which task made it, and how many
    /// turns a bystander task had had by then. It can also cancel a task after the nth call.
    ///
    /// Tasks are told apart by `withUnsafeCurrentTask` inside the call (nil: no Swift task,
    /// e.g. a Dispatch thread). Only how calls group by task is ever shown, never the ids.
    private final class ChunkProbe: Sendable {
        struct Call: Sendable {
            let task: Int?
            let bystanderTurns: Int
        }

        private struct State {
            var calls: [Call] = []
            var bystanderTurns = 0
            var workFinished = false
            var caller: Int?
            var cancelAfter: Int?
            var toCancel: Task<[UInt64], any Error>?
            var callsAtCancel: Int?
        }

        private let state = Mutex(State())

        /// Starts watching; `stop()` must follow (use `defer`).
        func start() {
            ChecksumProbe.observe { [self] _ in record() }
        }

        func stop() {
            ChecksumProbe.observe(nil)
        }

        private func record() {
            let task = withUnsafeCurrentTask { $0?.hashValue }
            let target = state.withLock { state -> Task<[UInt64], any Error>? in
                state.calls.append(Call(task: task, bystanderTurns: state.bystanderTurns))
                guard state.calls.count == state.cancelAfter, let target = state.toCancel else { return nil }
                state.callsAtCancel = state.calls.count
                state.toCancel = nil
                return target
            }
            // Cancel outside the lock: cancellation handlers may run right here.
            target?.cancel()
        }

        /// Records the calling task as "the caller" (call at the start of the run's body).
        func markCaller() {
            let task = withUnsafeCurrentTask { $0?.hashValue }
            state.withLock { $0.caller = task }
        }

        /// Cancels `task` right after the `count`th checksum call has been recorded.
        func cancel(_ task: Task<[UInt64], any Error>, after count: Int) {
            state.withLock {
                $0.cancelAfter = count
                $0.toCancel = task
            }
        }

        func bystanderTurn() { state.withLock { $0.bystanderTurns += 1 } }
        func finishWork() { state.withLock { $0.workFinished = true } }
        var workFinished: Bool { state.withLock { $0.workFinished } }

        var calls: [Call] { state.withLock { $0.calls } }
        var callsAtCancel: Int? { state.withLock { $0.callsAtCancel } }

        /// Calls made by tasks other than the caller (nil task excluded).
        var childCalls: [Call] {
            let (calls, caller) = state.withLock { ($0.calls, $0.caller) }
            return calls.filter { $0.task != nil && $0.task != caller }
        }

        /// Each call's task as a letter, A for the first task seen, B for the next…
        var taskLetters: [String] {
            var names: [Int?: String] = [:]
            return calls.map { call in
                if let name = names[call.task] { return name }
                let name = call.task == nil ? "?" : String(UnicodeScalar(UInt8(65 + names.count % 26)))
                names[call.task] = name
                return name
            }
        }
    }

    /// A blob of `length` bytes whose content depends on `seed`.
    private func blob(_ length: Int, seed: Int) -> [UInt8] {
        (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ seed &* 101 &+ ($0 >> 3)) }
    }

    /// The answer computed the plain way (call before the probe starts: it calls `checksum`).
    private func sequentialAnswer(_ blobs: [[UInt8]], chunkSize: Int) -> [UInt64] {
        blobs.map { blob in
            stride(from: 0, to: blob.count, by: chunkSize).reduce(UInt64(0)) { total, start in
                total &+ checksum(blob[start..<min(start + chunkSize, blob.count)])
            }
        }
    }

    func test_correctness_matchesSequentialAnswer() throws {
        let blobs = [blob(37, seed: 1), blob(8, seed: 2), blob(3, seed: 3), blob(64, seed: 4), blob(20, seed: 5)]
        let expected = sequentialAnswer(blobs, chunkSize: 8)
        let time = VirtualTime()
        let outcome = time.run { try await checksumAll(blobs, chunkSize: 8) }
        let results = try outcome.requireValue("checksumAll(5 blobs, chunkSize: 8)")
        expect(results.count == 5, "5 blobs gave \(results.count) results; expected 5, one per blob.")
        guard results.count == 5 else { return }
        // Which blobs' checksums are missing from the results, wherever they stand: the order is
        // the next test's subject.
        var unmatched = results
        let wrong = expected.enumerated().filter { _, value in
            guard let found = unmatched.firstIndex(of: value) else { return true }
            unmatched.remove(at: found)
            return false
        }.map(\.offset)
        expect(wrong.isEmpty, "the checksums of blob(s) \(wrong.map(String.init).joined(separator: ", ")) (of 0–4; lengths 37, 8, 3, 64 and 20 bytes, chunks of 8) appear nowhere in the results; expected each blob's chunk checksums added with &+. A blob of 37 bytes has 5 chunks: four of 8 bytes and one of 5.")
    }

    func test_correctness_resultsInBlobOrder() throws {
        // Blobs of 5, 1, 1, 8 and 3 chunks: taking turns, they finish in another order than given.
        let blobs = [blob(37, seed: 1), blob(8, seed: 2), blob(3, seed: 3), blob(64, seed: 4), blob(20, seed: 5)]
        let expected = sequentialAnswer(blobs, chunkSize: 8)
        let time = VirtualTime()
        let outcome = time.run { try await checksumAll(blobs, chunkSize: 8) }
        let results = try outcome.requireValue("checksumAll(5 blobs, chunkSize: 8)")
        guard results.count == 5, results.sorted() == expected.sorted() else { return }
        let order = results.map { value in expected.firstIndex(of: value).map(String.init) ?? "?" }
        expect(results == expected, "checksumAll returned the right 5 checksums, but in the order of blobs \(order.joined(separator: ", ")); expected blobs 0, 1, 2, 3, 4: the result for each blob at that blob's position, whatever order the child tasks finish in.")
    }

    func test_correctness_emptyInput() throws {
        let time = VirtualTime()
        let outcome = time.run { try await checksumAll([], chunkSize: 8) }
        let results = try outcome.requireValue("checksumAll([], chunkSize: 8)")
        expect(results.isEmpty, "checksumAll([]) returned \(results.count) results; expected none.")
    }

    func test_concurrency_blobsOnSeparateChildTasks() throws {
        let blobs = (0..<3).map { blob(64, seed: $0) }
        let probe = ChunkProbe()
        probe.start()
        defer { probe.stop() }
        let time = VirtualTime()
        let outcome = time.run { () async throws -> [UInt64] in
            probe.markCaller()
            return try await checksumAll(blobs, chunkSize: 16)
        }
        try outcome.requireFinished("checksumAll(3 blobs of 4 chunks)")
        let total = probe.calls.count
        let child = probe.childCalls
        let tasks = Set(child.map(\.task)).count
        expect(child.count == total && tasks >= 3, "of \(total) chunk checksums for 3 blobs, \(child.count) were computed by child tasks of checksumAll, by \(tasks) different task(s); expected every chunk to be summed in a child task, one (or more) per blob: work done on the caller's task, or on threads outside Swift concurrency, cannot be scheduled, cancelled or awaited with the rest.")
    }

    func test_concurrency_longBlobsTakeTurns() throws {
        let blobs = (0..<3).map { blob(48, seed: $0) }
        let probe = ChunkProbe()
        probe.start()
        defer { probe.stop() }
        let time = VirtualTime()
        let outcome = time.run { () async throws -> [UInt64] in
            probe.markCaller()
            return try await checksumAll(blobs, chunkSize: 8)
        }
        try outcome.requireFinished("checksumAll(3 blobs of 6 chunks)")
        let tasks = Set(probe.childCalls.map(\.task)).count
        guard tasks >= 2, probe.childCalls.count == probe.calls.count else {
            expect(false, "the chunks of 3 blobs were not all summed in child tasks of checksumAll (\(probe.childCalls.count) of \(probe.calls.count) were, by \(tasks) task(s)), so no blob could take turns with another; expected one child task per blob, each giving the others a turn between its chunks.")
            return
        }
        let letters = probe.taskLetters
        let hogs = Set(letters).sorted().filter { name in
            guard let first = letters.firstIndex(of: name), let last = letters.lastIndex(of: name) else { return false }
            return !letters[first...last].contains { $0 != name }
        }
        expect(hogs.isEmpty, "3 blobs of 6 chunks were summed in the order \(letters.joined(separator: " ")) (one letter per child task): each of \(hogs.joined(separator: ", ")) ran all its chunks without letting any other task run in between; expected the tasks to take turns (A B C A B C …): call `await Task.yield()` (or reach another suspension point) after each chunk, so one long blob cannot hold the thread.")
    }

    func test_cancellation_stopsWithinOneChunkPerTask() throws {
        let blobs = (0..<4).map { blob(80, seed: $0) }
        let probe = ChunkProbe()
        probe.start()
        defer { probe.stop() }
        let time = VirtualTime()
        _ = time.run { () async throws -> [UInt64] in
            let work = Task { try await checksumAll(blobs, chunkSize: 8) }
            probe.cancel(work, after: 6)
            return try await work.value
        }
        let total = probe.calls.count
        let after = total - (probe.callsAtCancel ?? total)
        expect(probe.callsAtCancel != nil, "checksumAll made only \(total) chunk calls for 4 blobs of 10 chunks; the test cancels it after the 6th, so it never got that far.")
        expect(after <= 4, "4 blobs of 10 chunks (40 in all), cancelled after the 6th chunk: \(after) more chunks were summed after the cancel; expected at most 4, one per blob task that was in the middle of a chunk. Cancellation only sets a flag: check `Task.checkCancellation()` (or `Task.isCancelled`) before each chunk.")
    }

    func test_cancellation_throwsCancellationError() throws {
        let blobs = (0..<4).map { blob(80, seed: $0) }
        let probe = ChunkProbe()
        probe.start()
        defer { probe.stop() }
        let time = VirtualTime()
        let outcome = time.run { () async throws -> [UInt64] in
            let work = Task { try await checksumAll(blobs, chunkSize: 8) }
            probe.cancel(work, after: 6)
            return try await work.value
        }
        if case .returned = outcome.ending {
            expect(false, "cancelled after the 6th of 40 chunks, checksumAll returned results anyway; expected it to throw CancellationError: the caller gave up, and results it no longer wants must not look like success.")
            return
        }
        let error = try outcome.requireError("checksumAll cancelled after the 6th chunk")
        expect(error is CancellationError, "cancelled after the 6th of 40 chunks, checksumAll threw \(describe(error)); expected CancellationError.")
    }

    func test_resources_otherWorkRunsMeanwhile() throws {
        let blobs = (0..<3).map { blob(64, seed: $0) }
        let probe = ChunkProbe()
        probe.start()
        defer { probe.stop() }
        let time = VirtualTime()
        let outcome = time.run {
            try await withThrowingTaskGroup(of: [UInt64]?.self) { group -> [UInt64] in
                group.addTask {
                    do {
                        let results = try await checksumAll(blobs, chunkSize: 8)
                        probe.finishWork()
                        return results
                    } catch {
                        probe.finishWork()
                        throw error
                    }
                }
                // A bystander: the rest of the service, wanting a turn now and then. It gives up
                // after 1000 turns, so an answer that never finishes is reported as stuck.
                group.addTask {
                    var turns = 0
                    while !probe.workFinished && turns < 1000 {
                        probe.bystanderTurn()
                        turns += 1
                        await Task.yield()
                    }
                    return nil
                }
                var results: [UInt64] = []
                for try await value in group {
                    if let value { results = value }
                }
                return results
            }
        }
        try outcome.requireFinished("checksumAll beside another task")
        let calls = probe.calls
        let turns = (calls.last?.bystanderTurns ?? 0) - (calls.first?.bystanderTurns ?? 0)
        expect(calls.count == 24 && turns > 0, "while checksumAll summed \(calls.count) chunks, another task of the program got \(turns) turns on the thread; expected it to get turns while the work went on: a blocking wait (a semaphore, a Dispatch group) or a long loop with no suspension point holds a cooperative thread, and on a busy machine every thread of the pool can end up stuck like that.")
    }

    func test_resources_nothingRunningAfterReturn() throws {
        let blobs = (0..<3).map { blob(40, seed: $0) }
        let time = VirtualTime()
        let outcome = time.run { try await checksumAll(blobs, chunkSize: 8) }
        try outcome.requireFinished("checksumAll")
        expect(!outcome.leftWorkRunning, "when checksumAll returned, \(outcome.pendingJobsAtEnd) jobs were still queued and \(outcome.sleepersAtEnd) tasks still waiting; expected nothing left running: every child task must be finished (awaited) before the function returns.")
    }
}
