import Foundation
import InterviewHarness
import InterviewKit
import XCTest

final class ConcurrencyModelQuizTests: XCTestCase {
    /// Grades question `number` against `correct`; a wrong letter gets `why`, the reasoning.
    private func grade(_ number: Int, _ topic: String, correct: Character, why: String) {
        guard answers.count >= number else {
            expect(false, "question \(number) (\(topic)) has no answer: `answers` holds \(answers.count) letters; expected 8, one per question, in order.")
            return
        }
        if number == 8, answers.count > 8 {
            expect(false, "`answers` holds \(answers.count) letters; expected exactly 8, one per question, in order: remove the extra ones.")
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

    func test_correctness_q1_suspensionPoints() throws {
        grade(1, "suspension points", correct: "C", why: "`await` marks a point where the task may suspend, and while it is suspended the actor is free to run other calls that change its state. Only the code between two suspension points runs without interruption, so re-read (or re-check) actor state after every `await`.")
    }

    func test_correctness_q2_actorReentrancy() throws {
        grade(2, "actor re-entrancy", correct: "A", why: "Actors are re-entrant: while one call waits in `loader`, the actor runs the next call, which still finds the cache empty and starts its own load. Ten callers can start ten loads. To load once, store the in-flight `Task` in the cache before the first `await` and let later callers await that same task.")
    }

    func test_correctness_q3_asyncLetAtScopeEnd() throws {
        grade(3, "async let at the end of its scope", correct: "D", why: "An `async let` starts a child task at once, and that child belongs to the scope. When the scope ends with the child not awaited, Swift cancels it and then waits for it: a child task never outlives its scope. Cancelling only helps if `fetch` checks for cancellation; if it does not, `load` pays the full 5 s.")
    }

    func test_correctness_q4_whatTasksInherit() throws {
        grade(4, "what Task {} and Task.detached inherit", correct: "B", why: "`Task {}` copies the caller's priority and task-local values and, written in an actor method that uses `self`, runs isolated to that actor; it is still unstructured, so nobody cancels or awaits it for you. `Task.detached {}` starts from nothing: no priority, no task-locals, no actor. Reach for a child task (task group, `async let`) when the work belongs to the caller.")
    }

    func test_correctness_q5_taskYield() throws {
        grade(5, "what Task.yield() promises", correct: "A", why: "`Task.yield()` is a suspension point that lets the executor run other waiting work first; it promises nothing about what runs or in which order, and with nothing waiting the task just goes on. It never throws, so a loop that must stop on cancellation also needs `try Task.checkCancellation()`.")
    }

    func test_correctness_q6_cooperativeCancellation() throws {
        grade(6, "cancellation is cooperative", correct: "C", why: "Cancelling a task only sets its cancelled flag (and its children's) and runs any cancellation handlers. Code stops where it looks at the flag: `Task.checkCancellation()`, `Task.isCancelled`, or calls that check for you, such as a clock's `sleep(for:)`. A loop that never looks runs to the end, and `task.value` waits for it.")
    }

    func test_correctness_q7_continuationResumedOnce() throws {
        grade(7, "a continuation is resumed exactly once", correct: "D", why: "A continuation is a one-time promise to wake a suspended task. The checked kind traps on a second resume and logs a warning if it is dropped without being resumed, because the task would otherwise wait forever. It may be resumed from any thread, and cancellation does not resume it: wire that up yourself with `withTaskCancellationHandler`.")
    }

    func test_correctness_q8_mainActorVersusPool() throws {
        grade(8, "where @MainActor code and detached tasks run", correct: "B", why: "The main actor is a global actor whose executor is the main thread, so `@MainActor` code runs there, one job at a time. Work not isolated to an actor, such as a detached task's body, runs on the global cooperative pool: about one thread per core, which never grows to make up for blocked threads. A long job on the main actor freezes the UI; a blocking one in the pool takes a thread from every other task.")
    }
}
