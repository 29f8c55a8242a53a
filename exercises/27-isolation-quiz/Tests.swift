import Foundation
import InterviewHarness
import InterviewKit
import Synchronization
import XCTest

// Compiled in one module with the answer, under main-actor default isolation: the suite's own
// types are `nonisolated` so that they run wherever the tests call them.

nonisolated final class IsolationQuizTests: XCTestCase {
    /// Grades question `number` against `correct`; a wrong letter gets `why`, the reasoning.
    private func grade(_ number: Int, _ topic: String, correct: Character, why: String) {
        // Read on the main actor (tests run on the main thread), so `answers` may keep any isolation.
        let answers = MainActor.assumeIsolated { quizAnswers() }
        guard answers.count >= number else {
            expect(false, "question \(number) (\(topic)) has no answer: `answers` holds \(answers.count) letters; expected 8, one per question, in order.")
            return
        }
        if number == 8, answers.count > 8 {
            expect(false, "`answers` holds \(answers.count) letters; expected exactly 8, one per question from 1 to 8, in order: remove the extra ones.")
        }
        let raw = answers[number - 1]
        let given = Character(String(raw).uppercased())
        if given == "?" {
            expect(false, "question \(number) (\(topic)) is not answered yet: replace the \"?\" at position \(number) of `answers` with A, B, C or D.")
            return
        }
        guard "ABCD".contains(given) else {
            expect(false, "question \(number) (\(topic)): \"\(raw)\" is not one of A, B, C or D.")
            return
        }
        expect(given == correct, "question \(number) (\(topic)): you answered \(given); the answer is \(correct). \(why)")
    }

    func test_correctness_q1_defaultIsolation() throws {
        grade(1, "a declaration without annotations", correct: "B", why: "With `-default-isolation MainActor`, every declaration of the module that names no isolation is `@MainActor`. Whoever awaits `load()`, a detached task included, hops to the main actor for its body and hops back afterwards.")
    }

    func test_correctness_q2_nonisolatedAsyncRunsOnItsCaller() throws {
        grade(2, "a nonisolated async function", correct: "D", why: "Under NonisolatedNonsendingByDefault, a `nonisolated` async function is `nonisolated(nonsending)`: it runs on the actor of whoever calls it, so on the main actor from main-actor code and on `Store` from `Store`, with no hop. Without the feature it would run on the global concurrent executor (answer A), which is how Swift 6.0 and 6.1 behaved.")
    }

    func test_correctness_q3_concurrentLeavesEveryActor() throws {
        grade(3, "@concurrent", correct: "A", why: "`@concurrent` makes an async function nonisolated and always run on the global concurrent executor, off every actor, whoever calls it. It is the annotation for work that must not block the caller's actor; no thread is created for it, it borrows one from the shared pool.")
    }

    func test_correctness_q4_callerActorAfterEveryAwait() throws {
        grade(4, "a nonisolated helper around an actor call", correct: "C", why: "`refresh` runs on its caller's actor, here the main actor, so step a runs there. `await store.reload()` hops to `Store` for the call (step b), and when it returns, `refresh` resumes on the actor it was running on: the main actor again for step c.")
    }

    func test_correctness_q5_whatATaskInherits() throws {
        grade(5, "the isolation of Task {} and Task.detached", correct: "B", why: "A `Task {}` closure takes the isolation written around it: in `tap`, the main actor (the module's default). `sync` is declared `nonisolated`, so a task started in it is not isolated, even when `sync` happens to be running on the main actor. `Task.detached` never takes an actor from its context.")
    }

    func test_correctness_q6_aSynchronousCallNeverHops() throws {
        grade(6, "a synchronous nonisolated call", correct: "A", why: "Only `await` can move code to another executor. A synchronous call runs right there, on the caller's thread and inside the caller's job: on the main actor, so `MainActor.assertIsolated()` passes. Being `nonisolated`, `crc32` still may not touch main-actor state, and `#isolation` inside it is nil.")
    }

    func test_correctness_q7_isolatedConformance() throws {
        grade(7, "a main-actor struct's Hashable conformance", correct: "D", why: "`Point` has no annotation, so it is `@MainActor`, and InferIsolatedConformances makes its conformance to `Hashable` main-actor isolated too. The actor `Board` cannot use that conformance to hash a `Point` into its `Set`, so the compiler rejects it (adding `Sendable` does not help). `nonisolated struct Point` gives a conformance usable anywhere.")
    }

    func test_correctness_q8_mainActorStateOffTheMainActor() throws {
        grade(8, "reading a main-actor class from @concurrent code", correct: "C", why: "`Cart` has no annotation, so it is `@MainActor`, and so is `items`. A `@concurrent` function runs off the main actor, so reading `items` synchronously is a compile error. `Cart` itself may be passed (a main-actor class is `Sendable`); `await cart.items` compiles because it hops to the main actor for the read.")
    }

    func test_concurrency_q9_renderRunsOffTheMainActor() throws {
        let time = VirtualTime()
        let probe = ProbeLog()
        defer { probe.stop() }
        let outcome = time.run { @MainActor () async -> [Sighting] in
            _ = await Thumbnailer().render([1, 2, 3])
            return probe.take()
        }
        let seen = try outcome.requireValue("Thumbnailer().render([1, 2, 3]), called from the main actor")
        guard !seen.isEmpty else {
            expect(false, "Thumbnailer.render recorded nothing; keep its call to `IsolationProbe.record`, which is how this test sees where it runs.")
            return
        }
        let onActors = seen.filter { $0.isolation != Sighting.offActors }
        expect(onActors.isEmpty, "question 9: `render`, awaited from the main actor, recorded \(Sighting.list(seen)); expected it to run off every actor (\"nonisolated\")."
            + (onActors.contains { $0.isolation == "MainActor" } ? " In this module a method without annotations runs on the main actor, and one that is only `nonisolated` stays on its caller's actor; `@concurrent` is what makes it leave." : ""))
    }

    func test_concurrency_q10_writeRunsOnItsCallersActor() throws {
        let time = VirtualTime()
        let probe = ProbeLog()
        defer { probe.stop() }
        let outcome = time.run { @MainActor () async -> (fromMain: [Sighting], fromLedger: [Sighting]) in
            await AuditLog().write("from the main actor")
            let fromMain = probe.take()
            await Ledger().append("from a Ledger", to: AuditLog())
            return (fromMain, probe.take())
        }
        let seen = try outcome.requireValue("AuditLog.write, called from the main actor, then from an actor `Ledger`")
        guard !seen.fromMain.isEmpty, !seen.fromLedger.isEmpty else {
            expect(false, "AuditLog.write recorded \(seen.fromMain.count) time(s) when called from the main actor and \(seen.fromLedger.count) from a `Ledger`; keep its call to `IsolationProbe.record`, which is how this test sees where it runs.")
            return
        }
        let wrongOnMain = seen.fromMain.filter { $0.isolation != "MainActor" }
        let wrongOnLedger = seen.fromLedger.filter { $0.isolation != "Ledger" }
        expect(wrongOnMain.isEmpty, "question 10: `write`, awaited from the main actor, recorded \(Sighting.list(seen.fromMain)); expected it to run on its caller's actor, \"MainActor\"."
            + (wrongOnMain.contains { $0.isolation == Sighting.offActors } ? " `@concurrent` sends it off every actor; a plain `nonisolated` async function stays on its caller's." : ""))
        expect(wrongOnLedger.isEmpty, "question 10: `write`, awaited from an actor `Ledger`, recorded \(Sighting.list(seen.fromLedger)); expected it to run on its caller's actor, \"Ledger\"."
            + (wrongOnLedger.contains { $0.isolation == "MainActor" } ? " A method of a main-actor class hops to the main actor unless it is marked `nonisolated`." : ""))
    }
}

/// The learner's letters, read where they live by default.
private func quizAnswers() -> [Character] {
    answers
}

/// One call of `IsolationProbe.record`: its label and where it ran.
private nonisolated struct Sighting: Sendable {
    /// What the probe reports for code that runs off every actor.
    static let offActors = "nonisolated"

    let label: String
    let isolation: String

    /// The sightings as the learner's labels with their isolation, for a message.
    static func list(_ sightings: [Sighting]) -> String {
        sightings.map { "\"\($0.label)\" on \($0.isolation)" }.joined(separator: ", ")
    }
}

/// Listens to `IsolationProbe` for one test.
private nonisolated final class ProbeLog: Sendable {
    private let seen = Mutex<[Sighting]>([])

    init() {
        IsolationProbe.observe { [self] label, isolation in
            self.seen.withLock { $0.append(Sighting(label: label, isolation: isolation)) }
        }
    }

    /// What was recorded since the last call, clearing it.
    func take() -> [Sighting] {
        seen.withLock { sightings in
            defer { sightings = [] }
            return sightings
        }
    }

    /// Stops listening.
    func stop() {
        IsolationProbe.observe(nil)
    }
}

/// An actor that writes to an audit log from its own isolation.
private actor Ledger {
    func append(_ line: String, to log: AuditLog) async {
        await log.write(line)
    }
}
