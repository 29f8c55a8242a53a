import Foundation
import InterviewHarness
import InterviewKit
import Synchronization
import XCTest

final class BoundedChannelTests: XCTestCase {
    func test_correctness_firstInFirstOut() throws {
        let time = VirtualTime()
        let channel = BoundedChannel<Int>(capacity: 3)
        let outcome = time.run { () async throws -> [Int] in
            async let received = drain(channel)
            for value in 1...10 { try await channel.send(value) }
            await channel.close()
            return await received
        }
        let received = try outcome.requireValue("sending 1 to 10 through a channel of capacity 3")
        expect(received == Array(1...10), "a producer sent 1 to 10 through a channel of capacity 3 while a consumer received; the consumer got \(received); expected [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]: every element once, in the order sent.")
    }

    func test_correctness_threeProducersTwoConsumersMoveAThousand() throws {
        let time = VirtualTime()
        let channel = BoundedChannel<Int>(capacity: 4)
        let counts = [334, 333, 333]
        let sent = counts.enumerated().flatMap { producer, count in (0..<count).map { producer * 1000 + $0 } }
        let outcome = time.run { () async throws -> [[Int]] in
            try await withThrowingTaskGroup(of: [Int].self) { consumers in
                for _ in 0..<2 { consumers.addTask { await drain(channel) } }
                try await withThrowingTaskGroup(of: Void.self) { producers in
                    for (producer, count) in counts.enumerated() {
                        producers.addTask {
                            for index in 0..<count { try await channel.send(producer * 1000 + index) }
                        }
                    }
                    try await producers.waitForAll()
                }
                await channel.close()
                var all: [[Int]] = []
                for try await received in consumers { all.append(received) }
                return all
            }
        }
        let perConsumer = try outcome.requireValue("3 producers and 2 consumers moving 1000 elements")
        let received = perConsumer.flatMap { $0 }
        let tally = Dictionary(received.map { ($0, 1) }, uniquingKeysWith: +)
        let lost = sent.filter { tally[$0] == nil }
        let doubled = tally.filter { $0.value > 1 }.keys.sorted()
        expect(lost.isEmpty && doubled.isEmpty && received.count == 1000, "3 producers sent 1000 elements in all through a channel of capacity 4 to 2 consumers, which received \(received.count): \(lost.count) never arrived\(lost.isEmpty ? "" : " (for example \(lost.prefix(5).map(String.init).joined(separator: ", ")))") and \(doubled.count) arrived more than once; expected each of the 1000 exactly once.")
        let outOfOrder = perConsumer.contains { list in
            (0..<3).contains { producer in
                let mine = list.filter { $0 / 1000 == producer }
                return mine != mine.sorted()
            }
        }
        expect(!outOfOrder, "a consumer received one producer's elements out of the order they were sent; expected first in, first out: elements from one producer keep their order.")
    }

    func test_correctness_closeDeliversBufferedElementsThenNil() throws {
        let time = VirtualTime()
        let channel = BoundedChannel<Int>(capacity: 3)
        let outcome = time.run { () async throws -> [Int?] in
            try await channel.send(1)
            try await channel.send(2)
            await channel.close()
            return [await channel.receive(), await channel.receive(), await channel.receive()]
        }
        let received = try outcome.requireValue("send 1, send 2, close, then receive three times")
        expect(received == [1, 2, nil], "after send(1), send(2) and close(), three calls of receive() gave \(show(received)); expected [1, 2, nil]: closing stops new sends, but what is already buffered is still delivered, and only then does receive return nil.")
    }

    func test_resources_fastProducerWaitsForSlowConsumer() throws {
        let time = VirtualTime()
        let clock = time.clock
        let channel = BoundedChannel<Int>(capacity: 3)
        let completedSends = Counter()
        let sends = WorkLog<Int>(clock: clock, lane: "send")
        let outcome = time.run { () async throws -> (sentBeforeConsumer: Int, received: [Int]) in
            let producer = Task(executorPreference: time.executor) {
                for value in 0..<10 {
                    try await sends.record(value) { try await channel.send(value) }
                    completedSends.increment()
                }
                await channel.close()
            }
            // The consumer starts late: until then, every completed send sits in the buffer.
            try await clock.sleep(until: TestClock.Instant(offset: .seconds(1)))
            let sentBefore = completedSends.value
            let received = await drain(channel)
            _ = await producer.result
            return (sentBefore, received)
        }
        let result = try outcome.requireValue("a producer of 10 elements with a consumer starting at 1 s")
        let buffered = result.received.filter { $0 < result.sentBeforeConsumer }.count
        expect(buffered <= 3, "with capacity 3, the producer's send had returned \(result.sentBeforeConsumer) times before the consumer started at 1 s, and \(buffered) of those elements were still waiting in the channel: the buffer grew to \(buffered) elements; expected at most 3. send must wait while the buffer is full, so a fast producer is held back to the pace of its consumer instead of piling up memory.")
    }

    func test_resources_manyProducersNeverOverfillTheBuffer() throws {
        let time = VirtualTime()
        let clock = time.clock
        let capacity = 2
        let channel = BoundedChannel<Int>(capacity: capacity)
        let returned = Log()
        let producers = 4, each = 30
        let bursts = [1, 2, 3, 1, 4, 2, 2, 3, 1, 3, 4, 1, 2, 4, 3, 3, 2, 1, 4, 4]
        let outcome = time.run { () async throws -> (pauses: [Pause], received: [Int]) in
            let tasks = (0..<producers).map { producer in
                Task(executorPreference: time.executor) {
                    for index in 0..<each {
                        try await channel.send(producer * 1000 + index)
                        returned.append(producer * 1000 + index)
                    }
                }
            }
            let closer = Task(executorPreference: time.executor) {
                for task in tasks { _ = await task.result }
                await channel.close()
            }
            var received: [Int] = []
            var pauses: [Pause] = []
            draining: for step in 1... {
                // Between bursts of receives nothing runs: every sender has gone as far as it can.
                try await clock.sleep(until: TestClock.Instant(offset: .milliseconds(100 * step)))
                let pause = Pause(at: clock.elapsed, returned: returned.values, received: received.count)
                pauses.append(pause)
                // Never more receives than elements known to be in: an empty channel is not this test's subject.
                let burst = max(1, min(bursts[step % bursts.count], pause.returned.count - pause.received))
                for _ in 0..<burst {
                    guard let value = await channel.receive() else { break draining }
                    received.append(value)
                }
            }
            _ = await closer.value
            return (pauses, received)
        }
        let run = try outcome.requireValue("\(producers) producers of \(each) elements each and a consumer receiving in bursts every 0.1 s")
        // An element whose send had returned by a pause and that was received after it was in
        // the channel during that pause.
        let receivedAt = Dictionary(run.received.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let held = run.pauses.map { pause in
            (pause, pause.returned.filter { receivedAt[$0].map { $0 >= pause.received } ?? false }.count)
        }
        guard let (pause, most) = held.max(by: { $0.1 < $1.1 }), most > capacity else { return }
        let cause = pause.received == 0
            ? "send must wait while the buffer is full."
            : "When a receive frees a slot while several senders wait, a woken sender must check again that the slot is still free (another sender may have taken it first) and wait again if not."
        expect(false, "with capacity \(capacity) and \(producers) producers, at \(short(pause.at)), \(pause.received == 0 ? "before the first receive" : "after \(pause.received) receives"), \(most) elements whose send had returned were still in the channel (the consumer received them later); expected at most \(capacity). \(cause)")
    }

    func test_cancellation_cancelledReceiverLeavesTheChannel() throws {
        let time = VirtualTime()
        let clock = time.clock
        let channel = BoundedChannel<Int>(capacity: 2)
        let outcome = time.run { () async throws -> (first: Received, second: Received) in
            let first = Task(executorPreference: time.executor) { Received(value: await channel.receive(), at: clock.elapsed) }
            try await clock.sleep(until: TestClock.Instant(offset: .milliseconds(100)))
            let second = Task(executorPreference: time.executor) { Received(value: await channel.receive(), at: clock.elapsed) }
            try await clock.sleep(until: TestClock.Instant(offset: .milliseconds(500)))
            first.cancel()
            try await clock.sleep(until: TestClock.Instant(offset: .seconds(1)))
            try await channel.send(42)
            try await clock.sleep(until: TestClock.Instant(offset: .seconds(2)))
            await channel.close()
            return (await first.value, await second.value)
        }
        let result = try outcome.requireValue("two waiting receivers, the first cancelled at 0.5 s, then send(42) at 1 s")
        expect(result.first.value == nil && result.first.at == .milliseconds(500), "receiver 1 waited on an empty channel and was cancelled at 0.5 s; its receive() returned \(show(result.first.value)) at \(short(result.first.at)); expected nil at once, at 0.5 s: a cancelled receiver leaves the channel instead of waiting on.")
        expect(result.second.value == 42 && result.second.at == .seconds(1), "receiver 2 was waiting when 42 was sent at 1 s, after receiver 1 had been cancelled; receiver 2 got \(show(result.second.value)) at \(short(result.second.at)); expected 42 at 1 s: an element must go to a receiver that is still there, never to a cancelled one.")
    }

    func test_cancellation_cancelledSenderLeavesTheChannel() throws {
        let time = VirtualTime()
        let clock = time.clock
        let channel = BoundedChannel<Int>(capacity: 1)
        let outcome = time.run { () async throws -> SenderCancelRun? in
            try await channel.send(1)
            let s2Done = Flag()
            let s2 = Task(executorPreference: time.executor) { await attemptSend(2, channel, clock, done: s2Done) }
            try await clock.sleep(until: TestClock.Instant(offset: .milliseconds(100)))
            let s3 = Task(executorPreference: time.executor) { await attemptSend(3, channel, clock, done: Flag()) }
            try await clock.sleep(until: TestClock.Instant(offset: .milliseconds(500)))
            if s2Done.value {
                // send(2) never waited on a full buffer: there is no waiting sender to cancel
                // (test_resources_fastProducerWaitsForSlowConsumer reports that).
                await channel.close()
                return nil
            }
            s2.cancel()
            try await clock.sleep(until: TestClock.Instant(offset: .seconds(1)))
            let received = [await channel.receive(), await channel.receive()]
            await channel.close()
            return SenderCancelRun(s2: await s2.value.outcome, s3: await s3.value.outcome, received: received)
        }
        guard let result = try outcome.requireValue("senders of 2 and 3 waiting on a full channel, the first cancelled at 0.5 s") else { return }
        expect(result.s2 == "threw CancellationError at 0.5 s", "send(2) was waiting on a full channel (capacity 1) and was cancelled at 0.5 s; it \(result.s2); expected it to throw CancellationError at once, at 0.5 s.")
        expect(result.received == [1, 3], "after send(2) was cancelled while waiting, the consumer received \(show(result.received)) at 1 s; expected [1, 3]: the element of a cancelled send must never be delivered, and send(3), waiting behind it, moves up.")
        expect(result.s3 == "returned at 1 s", "send(3) waited behind the cancelled send(2); it \(result.s3); expected it to return at 1 s, when the consumer made room.")
    }

    func test_errors_sendAfterCloseThrows() throws {
        let time = VirtualTime()
        let channel = BoundedChannel<Int>(capacity: 3)
        let outcome = time.run { () async throws -> (String, [Int?]) in
            try await channel.send(1)
            await channel.close()
            var result = "returned normally"
            do {
                try await channel.send(2)
            } catch {
                result = "threw \(errorName(error))"
            }
            return (result, [await channel.receive(), await channel.receive()])
        }
        let (result, received) = try outcome.requireValue("send after close")
        expect(result == "threw ChannelClosed", "send(2) after close() \(result); expected it to throw ChannelClosed: a closed channel accepts nothing more.")
        expect(received == [1, nil], "after send(1), close() and a rejected send(2), two receives gave \(show(received)); expected [1, nil]: the element sent before close is delivered, the rejected one never is.")
    }

    func test_errors_closeWakesEveryWaitingReceiver() throws {
        let time = VirtualTime()
        let clock = time.clock
        let channel = BoundedChannel<Int>(capacity: 2)
        let outcome = time.run { () async throws -> [Received] in
            let receivers = (0..<3).map { _ in
                Task(executorPreference: time.executor) { Received(value: await channel.receive(), at: clock.elapsed) }
            }
            try await clock.sleep(until: TestClock.Instant(offset: .seconds(1)))
            await channel.close()
            var results: [Received] = []
            for receiver in receivers { results.append(await receiver.value) }
            return results
        }
        let results = try outcome.requireValue("three receivers waiting when the channel is closed at 1 s")
        let woken = results.filter { $0.value == nil && $0.at == .seconds(1) }.count
        expect(woken == 3, "3 receivers were waiting on an empty channel when close() was called at 1 s; \(woken) of them returned nil at 1 s (they got \(results.map { "\(show($0.value)) at \(short($0.at))" }.joined(separator: ", "))); expected all 3: close() must wake every waiting receiver with nil, or they wait forever.")
    }

    func test_errors_closeFailsAWaitingSender() throws {
        let time = VirtualTime()
        let clock = time.clock
        let channel = BoundedChannel<Int>(capacity: 1)
        let outcome = time.run { () async throws -> (String, [Int?])? in
            try await channel.send(1)
            let done = Flag()
            let s = Task(executorPreference: time.executor) { await attemptSend(2, channel, clock, done: done) }
            try await clock.sleep(until: TestClock.Instant(offset: .milliseconds(500)))
            if done.value {
                // send(2) never waited on the full buffer, so there is no waiting sender for
                // close() to fail (test_resources_fastProducerWaitsForSlowConsumer reports that).
                await channel.close()
                return nil
            }
            await channel.close()
            let r = await s.value.outcome
            return (r, [await channel.receive(), await channel.receive()])
        }
        guard let (r, received) = try outcome.requireValue("close with a waiting sender") else { return }
        expect(r == "threw ChannelClosed at 0.5 s" && received == [1, nil], "send(2) was still waiting on a full channel when close() was called at 0.5 s: it \(r), and the receives then gave \(show(received)); expected it to throw ChannelClosed at 0.5 s, and the receives [1, nil]: close() must wake waiting senders too.")
    }

    func test_correctness_waitingSendersKeepTheirOrder() throws {
        let time = VirtualTime()
        let clock = time.clock
        let channel = BoundedChannel<Int>(capacity: 1)
        let outcome = time.run { () async throws -> [Int] in
            try await channel.send(1)
            let s2 = Task(executorPreference: time.executor) { try await channel.send(2) }
            try await clock.sleep(until: TestClock.Instant(offset: .milliseconds(100)))
            let s3 = Task(executorPreference: time.executor) { try await channel.send(3) }
            try await clock.sleep(until: TestClock.Instant(offset: .milliseconds(200)))
            var got: [Int] = []
            for _ in 0..<3 { if let v = await channel.receive() { got.append(v) } }
            _ = await s2.result; _ = await s3.result
            return got
        }
        let got = try outcome.requireValue("two waiting senders")
        expect(got == [1, 2, 3], "send(2) waited on a full channel from 0 s and send(3) from 0.1 s; three receives gave \(got); expected [1, 2, 3]: elements come out in the order they went in, also when senders have to wait.")
    }

}

/// A pause between bursts of receives: when, which sends had returned, how many receives so far.
private struct Pause: Sendable {
    let at: Duration
    let returned: [Int]
    let received: Int
}

/// What one receive gave, and when.
private struct Received: Sendable {
    let value: Int?
    let at: Duration
}

/// How the two senders ended and what the consumer received, in the sender-cancellation test.
private struct SenderCancelRun: Sendable {
    let s2: String
    let s3: String
    let received: [Int?]
}

/// One send, told as "returned at 1 s" or "threw CancellationError at 0.5 s".
private struct SendAttempt: Sendable {
    let outcome: String
}

/// Whether a task has finished, readable from outside it.
private final class Flag: Sendable {
    private let state = Mutex(false)
    var value: Bool { state.withLock { $0 } }
    func set() { state.withLock { $0 = true } }
}

/// The elements whose send has returned, in that order.
private final class Log: Sendable {
    private let state = Mutex<[Int]>([])
    var values: [Int] { state.withLock { $0 } }
    func append(_ value: Int) { state.withLock { $0.append(value) } }
}

/// A count shared between a task and the test.
private final class Counter: Sendable {
    private let state = Mutex(0)
    var value: Int { state.withLock { $0 } }
    func increment() { state.withLock { $0 += 1 } }
}

/// Sends `value` and tells how it ended, in virtual time.
private func attemptSend(_ value: Int, _ channel: BoundedChannel<Int>, _ clock: TestClock, done: Flag) async -> SendAttempt {
    defer { done.set() }
    do {
        try await channel.send(value)
        return SendAttempt(outcome: "returned at \(short(clock.elapsed))")
    } catch {
        return SendAttempt(outcome: "threw \(errorName(error)) at \(short(clock.elapsed))")
    }
}

/// Receives until the channel returns nil.
private func drain(_ channel: BoundedChannel<Int>) async -> [Int] {
    var received: [Int] = []
    while let value = await channel.receive() { received.append(value) }
    return received
}

private func show(_ value: Int?) -> String { value.map(String.init) ?? "nil" }

private func show(_ values: [Int?]) -> String { "[" + values.map(show).joined(separator: ", ") + "]" }

/// "1.5 s" for 1.5 s, "2 s" for 2 s.
private func short(_ duration: Duration) -> String {
    let millis = Int((duration.secondsValue * 1000).rounded())
    return (millis % 1000 == 0 ? "\(millis / 1000)" : String(format: "%g", Double(millis) / 1000)) + " s"
}

/// "ChannelClosed", "CancellationError", or the error's description.
private func errorName(_ error: any Error) -> String {
    error is ChannelClosed ? "ChannelClosed" : describe(error)
}
