import Foundation
import InterviewKit

// Intent: (say in a sentence or two what decides where code runs in this module)

// This file is compiled like a new app target in Xcode 26, with these settings:
//
//     -default-isolation MainActor
//     -enable-upcoming-feature NonisolatedNonsendingByDefault
//     -enable-upcoming-feature InferIsolatedConformances
//
// Every question is about code in this module. `Store` is an `actor` declared here.
// Questions 1 to 8: answer each with one letter, A to D, in `answers` below.
// Questions 9 and 10: change the annotations of the two types at the bottom, not their bodies.
//
// 1. No annotation. You write, in this module:
//
//        func load() async { ... }
//
//    A `Task.detached` calls `await load()`. Where does the body of `load` run?
//    A) On the global concurrent executor: an async function without annotations runs off
//       every actor.
//    B) On the main actor: with main-actor default isolation, a declaration without
//       annotations is `@MainActor`, so the call hops there.
//    C) On the thread the detached task was already running on: an `await` never changes
//       threads.
//    D) Nowhere in particular: it runs on its caller's actor, and a detached task has none.
//
// 2. `nonisolated` and async.
//
//        nonisolated func parse(_ data: Data) async -> Report
//
//    It is called once from main-actor code and once from a method of `Store`. Where does
//    its body run each time?
//    A) On the global concurrent executor both times: a `nonisolated` async function always
//       leaves its caller's actor.
//    B) On the main actor both times: the module's default isolation still applies.
//    C) It does not compile: an actor may not call a `nonisolated` async function.
//    D) On its caller's actor: the main actor the first time, `Store` the second.
//
// 3. `@concurrent`.
//
//        @concurrent func decode(_ data: Data) async -> Image
//
//    It is called from main-actor code and from `Store`. Where does its body run?
//    A) Off every actor, on the global concurrent executor, whoever calls it.
//    B) On its caller's actor, like any other `nonisolated` async function.
//    C) On the main actor, because of the module's default isolation; `@concurrent` only
//       lets several calls overlap.
//    D) On a thread created for the call and ended when it returns.
//
// 4. A helper that awaits an actor. Main-actor code calls:
//
//        nonisolated func refresh(_ store: Store) async {
//            step("a")
//            await store.reload()      // a method of `Store`; it runs step("b")
//            step("c")
//        }
//
//    Where do the steps a, b and c run?
//    A) a on the main actor, b on `Store`, c on the global concurrent executor: after an
//       `await`, a nonisolated function carries on wherever there is a free thread.
//    B) All three on `Store`: once the function has hopped to the actor, it stays there.
//    C) a on the main actor, b on `Store`, c on the main actor again: the function runs on
//       its caller's actor and goes back to it after each `await`.
//    D) All three on the main actor: `reload` runs on the actor of the code that called it.
//
// 5. Tasks. `work()` is a synchronous nonisolated function.
//
//        func tap() { Task { work() } }                      // no annotation
//        nonisolated func sync() async { Task { work() } }   // called from main-actor code
//        func export() { Task.detached { work() } }          // no annotation
//
//    What isolation does the body of each new task have?
//    A) The main actor in all three: everything in this module runs there.
//    B) The main actor; none; none. A task takes the isolation written around it, and `sync`
//       is nonisolated even while it runs on the main actor; `Task.detached` never takes an
//       actor.
//    C) The main actor; the main actor, because `sync` was running there; none.
//    D) The main actor; none; the main actor, because a detached closure gets the module's
//       default isolation like any other declaration.
//
// 6. A synchronous call. A main-actor method calls:
//
//        nonisolated func crc32(_ bytes: [UInt8]) -> UInt32   // synchronous
//
//    What is true while `crc32` runs?
//    A) It runs on the main actor, as part of the caller's job: a synchronous call never
//       hops. `MainActor.assertIsolated()` passes inside it, although `#isolation` there is
//       nil and it may not touch main-actor state.
//    B) It runs on the global concurrent executor: `nonisolated` takes it off the main
//       actor.
//    C) The call needs `await`, because it leaves the main actor.
//    D) It runs in a task of its own, so the caller goes on without waiting for it.
//
// 7. A conformance. Does this compile?
//
//        struct Point: Hashable { var x, y: Int }
//        actor Board {
//            var marked: Set<Point> = []
//            func mark(_ point: Point) { marked.insert(point) }
//        }
//
//    A) Yes: a struct of two `Int`s is `Sendable` and `Hashable`, so any actor can use it.
//    B) No: `Point` is not `Sendable`, so it cannot enter the actor; add `: Sendable`.
//    C) Yes, but inserting traps at run time, because hashing a `Point` needs the main
//       actor.
//    D) No: `Point` is main-actor isolated, and so is its conformance to `Hashable`, which
//       the actor cannot use to hash; declare `nonisolated struct Point`.
//
// 8. Off the main actor. Does this compile?
//
//        final class Cart { var items: [String] = [] }
//        @concurrent func total(_ cart: Cart) async -> Int { cart.items.count }
//
//    A) Yes, and the read races with writes made on the main actor, which the compiler
//       cannot see.
//    B) Yes: the read of `items` quietly hops to the main actor.
//    C) No: `Cart`, like every type here without annotations, is main-actor isolated, so
//       `items` cannot be read synchronously from a function that runs off the main actor;
//       read it with `await`, or pass in the values the function needs.
//    D) No: `Cart` is not `Sendable`, so it cannot be passed to a `@concurrent` function.

/// One letter per question (1 to 8), in order.
nonisolated let answers: [Character] = ["?", "?", "?", "?", "?", "?", "?", "?"]

// 9. Main-actor code awaits `Thumbnailer().render(bytes)`. The rendering is heavy, so it must
//    not run on the main actor (the screen would freeze while it runs): make it run off
//    every actor.

/// Renders thumbnails.
struct Thumbnailer {
    /// Renders `bytes` and returns the sum of its bytes (a stand-in for heavy work).
    func render(_ bytes: [UInt8]) async -> Int {
        IsolationProbe.record("render \(bytes.count) bytes")
        return bytes.reduce(0) { $0 &+ Int($1) }
    }
}

// 10. `AuditLog.write` must run on whoever calls it, with no hop: on the main actor when
//     main-actor code calls it, and on an actor (such as a `Ledger`) when that actor calls it.

/// Writes audit lines.
final class AuditLog {
    /// Writes `line` to the log.
    func write(_ line: String) async {
        IsolationProbe.record("write \(line)")
    }
}
