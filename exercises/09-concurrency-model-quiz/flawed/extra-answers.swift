// expect: fail correctness
import Foundation
import InterviewKit

// Intent: every `await` is a suspension point where an actor is re-entrant and its state may
// change; child tasks (`async let`, task groups) are structured and bound to their scope,
// while `Task {}` and `Task.detached` are unstructured; cancellation and `Task.yield()` are
// cooperative and promise little; continuations resume exactly once; `@MainActor` code runs
// on the main thread, everything else on a small cooperative thread pool.

// Eight questions. Answer each with one letter, A to D, in `answers` at the bottom.
//
// 1. Suspension points. Inside a method of an actor you write:
//
//        let before = count
//        await logger.write("step")
//        let after = count
//
//    What can you say about `before` and `after`?
//    A) They are always equal: an actor runs one method call from start to finish before
//       the next one begins.
//    B) They are always equal unless code on another thread writes `count` directly.
//    C) They may differ: `await` is a suspension point, and while this call is suspended
//       the actor may run other calls that change `count`.
//    D) The compiler rejects reading actor state after an `await`.
//
// 2. Actor re-entrancy. An actor caches downloads:
//
//        func image(for url: URL) async throws -> Data {
//            if let cached = cache[url] { return cached }
//            let data = try await loader(url)
//            cache[url] = data
//            return data
//        }
//
//    Ten tasks ask for the same URL, not yet cached, at the same moment. How many times
//    is `loader` called?
//    A) Up to ten: each call can pass the cache check and then suspend in `loader` before
//       any of them has stored a result.
//    B) Exactly once: the actor holds the other nine calls until the first one returns.
//    C) Exactly once, because an actor method is atomic from its first line to its last.
//    D) Never: the compiler rejects an actor method that awaits after reading its state.
//
// 3. `async let` at the end of its scope.
//
//        func load() async throws -> Data {
//            async let thumbnail = fetch(thumbnailURL)   // takes 1 s
//            async let full = fetch(fullURL)             // takes 5 s
//            return try await thumbnail
//        }
//
//    What happens to `full` when `load` reaches its `return`?
//    A) It keeps running in the background, and its result is thrown away.
//    B) It never started: an `async let` runs only once it is awaited.
//    C) The program traps: every `async let` must be awaited.
//    D) It is cancelled, and `load` waits for it to finish before it really returns; if
//       `fetch` ignores cancellation, `load` takes 5 s.
//
// 4. What a task inherits. Inside a method of actor `Store`, running in a task where a
//    `@TaskLocal` value `requestID` is bound, you write `Task { ... }` and, elsewhere,
//    `Task.detached { ... }`. Both closures use `self`. Which is true?
//    A) Both inherit the caller's priority, task-local values and actor isolation; the
//       two names only differ for readability.
//    B) `Task {}` inherits the caller's priority, its task-local values and the actor's
//       isolation (its body runs on `Store`), but it is not cancelled with the caller;
//       `Task.detached {}` inherits none of these.
//    C) `Task {}` is a child task: it is cancelled with the caller and awaited before the
//       method returns.
//    D) `Task.detached {}` inherits the priority and task-local values, but not the
//       actor's isolation.
//
// 5. `Task.yield()`. A long CPU-bound loop calls `await Task.yield()` after every chunk.
//    What does that promise?
//    A) Only a chance: the task offers its thread to other waiting work and carries on,
//       at once if nothing else is waiting. It adds no delay and does not check for
//       cancellation.
//    B) That every other ready task runs before the loop continues.
//    C) That the task pauses for at least one scheduler tick, like `setTimeout(fn, 0)`.
//    D) That the task throws `CancellationError` if it has been cancelled.
//
// 6. Cancellation. You call `task.cancel()` on a task whose body is a long loop with no
//    `try`, no `await` and no cancellation check. What happens?
//    A) The task stops at its next instruction.
//    B) The runtime stops the thread that runs the task.
//    C) Nothing you can see: `cancel()` sets a flag, and the loop runs to its end. Code
//       stops only where it checks (`Task.isCancelled`, `Task.checkCancellation()`) or
//       calls something that does, such as `Task.sleep`.
//    D) Awaiting `task.value` throws `CancellationError` at once, while the loop goes on.
//
// 7. Continuations. You bridge a callback API with `withCheckedThrowingContinuation`.
//    Which is true?
//    A) Resuming twice is harmless: the second value is ignored.
//    B) If the callback never comes, the continuation is resumed with
//       `CancellationError` when the task is cancelled.
//    C) The continuation must be resumed on the thread that created it.
//    D) Resume it exactly once on every path: a second resume crashes the program, and a
//       continuation that is never resumed leaves the awaiting task suspended for good.
//
// 8. Where code runs. Where does a `@MainActor` function run, compared with the body of a
//    `Task.detached { }`?
//    A) Both on the main thread: like JavaScript, Swift runs async code on one thread.
//    B) `@MainActor` code runs on the main thread, one job at a time; the detached body
//       runs on the cooperative pool, a few threads shared by every task. Blocking either
//       hurts: the first freezes the UI, the second starves other tasks.
//    C) Both on the cooperative pool; `@MainActor` only raises the priority.
//    D) `@MainActor` code runs on the main thread; a detached task gets a new thread of
//       its own.

// Why:
// 1 C: other calls may run on the actor while this one is suspended at `await`.
// 2 A: re-entrancy lets every caller pass the empty-cache check before any load returns.
// 3 D: an un-awaited `async let` is cancelled, then implicitly awaited at the end of its scope.
// 4 B: `Task {}` copies priority, task-locals and actor context; `Task.detached` copies nothing.
// 5 A: yield offers the thread to others; no delay, no ordering, no cancellation check.
// 6 C: cancel() sets a flag; only code that checks it stops.
// 7 D: resume exactly once: twice traps, never leaves the task suspended for good.
// 8 B: main thread for the main actor, the shared cooperative pool for everything else.

/// One letter per question, in order.
let answers: [Character] = ["C", "A", "D", "B", "A", "C", "D", "B", "A", "C"]
