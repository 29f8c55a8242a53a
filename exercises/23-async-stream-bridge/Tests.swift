import Foundation
import InterviewHarness
import InterviewKit
import Synchronization
import XCTest

/// A sensor that holds its delegates weakly, like a real delegate API, and records when
/// delegates were added and removed. `emit` plays its script: reading n at n × 100 ms.
private final class FakeSensor: Sensor {
    private struct Registration {
        let token: DelegateToken
        weak var delegate: (any SensorDelegate)?
    }

    private struct State {
        var registrations: [Registration] = []
        var nextID = 1
        var added: [Duration] = []
        var removed: [(token: DelegateToken, at: Duration)] = []
    }

    private let clock: TestClock
    private let state = Mutex(State())

    init(clock: TestClock) { self.clock = clock }

    func addDelegate(_ delegate: any SensorDelegate) -> DelegateToken {
        let now = clock.elapsed
        return state.withLock { state in
            let token = DelegateToken(id: state.nextID)
            state.nextID += 1
            state.registrations.append(Registration(token: token, delegate: delegate))
            state.added.append(now)
            return token
        }
    }

    func removeDelegate(_ token: DelegateToken) {
        let now = clock.elapsed
        state.withLock { state in
            state.removed.append((token, now))
            state.registrations.removeAll { $0.token == token }
        }
    }

    /// When delegates were added.
    var added: [Duration] { state.withLock { $0.added } }
    /// When `removeDelegate` was called.
    var removals: [Duration] { state.withLock { $0.removed.map(\.at) } }
    /// Registered delegates that are still alive (the sensor does not keep them alive).
    var liveDelegates: Int { state.withLock { $0.registrations.filter { $0.delegate != nil }.count } }

    /// Produces readings 1 to `count` at 100 ms apart, then fails at `failAt` if given.
    func emit(_ count: Int, failAt: Duration? = nil) async {
        for n in 1...count {
            let at = Duration.milliseconds(100 * n)
            if let failAt, failAt < at { break }
            guard (try? await clock.sleep(until: TestClock.Instant(offset: at))) != nil else { return }
            for delegate in delegates() { delegate.sensor(didProduce: reading(n)) }
        }
        if let failAt {
            guard (try? await clock.sleep(until: TestClock.Instant(offset: failAt))) != nil else { return }
            for delegate in delegates() { delegate.sensor(didFailWith: FakeError("sensor unplugged")) }
        }
    }

    private func delegates() -> [any SensorDelegate] {
        state.withLock { $0.registrations.compactMap(\.delegate) }
    }
}

private func reading(_ n: Int) -> Reading { Reading(sequence: n, celsius: 20 + Double(n) / 10) }

/// What the consumer saw: each reading's number and arrival time, and how its loop ended.
private struct Consumed: Sendable {
    var readings: [(sequence: Int, at: Duration)] = []
    var ending = "still waiting"
    var endedAt: Duration = .zero
    /// Whether the stream was valid: every element a reading the sensor produced.
    var wrongValue: Reading?

    var numbers: [Int] { readings.map(\.sequence) }
    var times: [Duration] { readings.map(\.at) }
}

/// How the consumer behaves.
private struct Consumer: Sendable {
    /// Virtual time spent on each reading before asking for the next.
    var pause: Duration?
    /// The reading after which the loop breaks.
    var breakAfter: Int?
    /// When the consumer's task is cancelled.
    var cancelAt: Duration = .seconds(3)
}

/// Starts a consumer task that calls `readings(from:)` at 0 s and loops over it (the stream
/// is its own, as in `for try await r in readings(from: sensor)`), and the sensor's script.
private func consume(_ time: VirtualTime, _ sensor: FakeSensor, emitting count: Int = 10, failAt: Duration? = nil, _ consumer: Consumer) -> RunOutcome<Consumed> {
    let clock = time.clock
    return time.run { () async -> Consumed in
        let task = Task(executorPreference: time.executor) { () async -> Consumed in
            var seen = Consumed()
            do {
                for try await value in readings(from: sensor) {
                    seen.readings.append((value.sequence, clock.elapsed))
                    if value != reading(value.sequence) { seen.wrongValue = value }
                    if value.sequence == consumer.breakAfter { break }
                    if let pause = consumer.pause { try? await clock.sleep(for: pause) }
                }
                seen.ending = "ended"
            } catch {
                seen.ending = "threw \(describe(error))"
            }
            seen.endedAt = clock.elapsed
            return seen
        }
        let emitter = Task(executorPreference: time.executor) { await sensor.emit(count, failAt: failAt) }
        try? await clock.sleep(until: TestClock.Instant(offset: consumer.cancelAt))
        task.cancel()
        let seen = await task.value
        emitter.cancel()
        await emitter.value
        return seen
    }
}

/// "was never called" or "was called 2 times, at 0.3, 3 s".
private func removalCalls(_ removed: [Duration]) -> String {
    switch removed.count {
    case 0: return "was never called"
    case 1: return "was called once, at \(times(removed))"
    default: return "was called \(removed.count) times, at \(times(removed))"
    }
}

private func list(_ numbers: [Int]) -> String { numbers.isEmpty ? "nothing" : numbers.map(String.init).joined(separator: ", ") }

private func times(_ durations: [Duration]) -> String {
    durations.isEmpty ? "never" : durations.map { String(format: "%g", $0.secondsValue) }.joined(separator: ", ") + " s"
}

final class AsyncStreamBridgeTests: XCTestCase {
    func test_correctness_oneDelegateAddedByTheCallAndKeptAlive() throws {
        let time = VirtualTime()
        let sensor = FakeSensor(clock: time.clock)
        let outcome = time.run { () async -> (added: Int, alive: Int, stream: AsyncThrowingStream<Reading, any Error>) in
            let stream = readings(from: sensor)
            return (sensor.added.count, sensor.liveDelegates, stream)
        }
        let (added, alive, _) = try outcome.requireValue("readings(from:)")
        expect(added == 1, "readings(from:) added \(added) delegate(s) to the sensor before returning; expected exactly 1, added by the call itself, so that no reading is missed before the first `next()`.")
        expect(alive == 1 || added != 1, "right after readings(from:) returned, the sensor's one delegate was already gone: the sensor holds delegates weakly, so a delegate kept only in a local variable is freed when the function returns and no reading ever arrives. Expected it alive as long as the stream is: keep it in the stream's `onTermination` closure, for instance.")
    }

    func test_correctness_fastConsumerGetsEveryReadingAsItComes() throws {
        let time = VirtualTime()
        let sensor = FakeSensor(clock: time.clock)
        let outcome = consume(time, sensor, emitting: 5, Consumer(breakAfter: 5))
        let seen = try outcome.requireValue("a consumer of 5 readings")
        expect(seen.numbers == [1, 2, 3, 4, 5], "a consumer waiting for each reading got readings \(list(seen.numbers)); expected 1, 2, 3, 4, 5, each one as the sensor produced it.")
        if seen.numbers == [1, 2, 3, 4, 5] {
            let expected: [Duration] = (1...5).map { .milliseconds(100 * $0) }
            expect(seen.times == expected, "readings 1 to 5 arrived at \(times(seen.times)); expected 0.1, 0.2, 0.3, 0.4, 0.5 s, the moments the sensor produced them.")
        }
        expect(seen.wrongValue == nil, "the stream delivered \(String(describing: seen.wrongValue)); expected the sensor's readings unchanged.")
    }

    func test_resources_slowConsumerGetsTheNewestReading() throws {
        let time = VirtualTime()
        let sensor = FakeSensor(clock: time.clock)
        let outcome = consume(time, sensor, emitting: 10, Consumer(pause: .milliseconds(230), breakAfter: 10))
        let seen = try outcome.requireValue("a consumer spending 230 ms per reading")
        let note: String
        switch seen.numbers {
        case Array(1...10): note = " Every reading was kept until the consumer asked for it: with a sensor that never stops, that buffer grows without end, and the consumer falls further and further behind."
        case [1, 2, 4, 6, 8]: note = " The buffer kept the oldest reading and dropped the newer ones."
        default: note = ""
        }
        expect(seen.numbers == [1, 3, 5, 7, 10], "a consumer spending 230 ms on each reading (readings every 100 ms, 10 in all) got readings \(list(seen.numbers)); expected 1, 3, 5, 7, 10: only the newest reading matters, so the stream keeps one, the latest, while the consumer is busy.\(note)")
    }

    func test_errors_failureEndsTheStreamWithThatError() throws {
        let time = VirtualTime()
        let sensor = FakeSensor(clock: time.clock)
        let outcome = consume(time, sensor, emitting: 10, failAt: .milliseconds(350), Consumer())
        let seen = try outcome.requireValue("a consumer of a sensor that fails at 0.35 s")
        expect(seen.numbers == [1, 2, 3], "the sensor produced readings 1, 2, 3 and failed at 0.35 s; the consumer got readings \(list(seen.numbers)); expected 1, 2, 3.")
        expect(seen.ending == "threw FakeError(sensor unplugged)" && seen.endedAt == .milliseconds(350), "after the sensor failed at 0.35 s, the consumer's loop \(seen.ending) at \(seen.endedAt.seconds); expected it to throw the sensor's error, FakeError(sensor unplugged), at 0.35 s: a loop that just ends looks to the caller like the sensor finished normally.")
        let removed = sensor.removals
        expect(!removed.isEmpty && removed.allSatisfy { $0 <= .milliseconds(350) }, "after the sensor failed at 0.35 s, removeDelegate \(removalCalls(removed)); expected it at 0.35 s, when the stream ended.")
    }

    func test_cancellation_breakingOutOfTheLoopRemovesTheDelegate() throws {
        let time = VirtualTime()
        let sensor = FakeSensor(clock: time.clock)
        let outcome = consume(time, sensor, emitting: 10, Consumer(breakAfter: 3))
        let seen = try outcome.requireValue("a consumer that breaks after reading 3")
        let removed = sensor.removals
        expect(seen.numbers == [1, 2, 3], "the consumer got readings \(list(seen.numbers)) before breaking; expected 1, 2, 3.")
        guard seen.numbers == [1, 2, 3] else { return }
        expect(removed == [.milliseconds(300)], "the consumer broke out of its loop at 0.3 s; removeDelegate \(removalCalls(removed)); expected exactly once, at 0.3 s: when the consumer stops listening, the stream's `onTermination` should tell the sensor.")
    }

    func test_cancellation_cancelledConsumerEndsQuietlyAndRemovesTheDelegate() throws {
        let time = VirtualTime()
        let sensor = FakeSensor(clock: time.clock)
        let outcome = consume(time, sensor, emitting: 10, Consumer(cancelAt: .milliseconds(250)))
        let seen = try outcome.requireValue("a consumer cancelled at 0.25 s")
        expect(seen.ending == "ended" && seen.endedAt == .milliseconds(250), "the consumer's task was cancelled at 0.25 s, waiting for reading 3; its loop \(seen.ending) at \(seen.endedAt.seconds); expected it to end at 0.25 s, without throwing (`next()` returns nil).")
        let removed = sensor.removals
        expect(removed == [.milliseconds(250)], "the consumer was cancelled at 0.25 s; removeDelegate \(removalCalls(removed)); expected exactly once, at 0.25 s: a cancelled consumer must not leave its delegate registered.")
    }
}
