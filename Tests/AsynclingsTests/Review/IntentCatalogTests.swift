import XCTest
@testable import AsynclingsCore

/// Every concept of every exercise, against plans a learner might write: a paraphrase in other words
/// must name it, and a list of the exercise's keywords must name nothing.
final class IntentCatalogTests: XCTestCase {
    /// For each exercise, for each concept id: plans in natural words that must name that concept.
    private let paraphrases: [String: [String: [String]]] = [
        "fetch-all": [
            "parallel": ["I fire off all the requests together and wait for the whole batch, so it takes as long as the slowest one."],
            "order": ["Each child hands back its position with the body, so the array comes out in the same order as the URLs."],
            "fail-fast": ["As soon as one request throws, I rethrow that error and the other requests get cancelled."],
        ],
        "fetch-all-settled": [
            "parallel": ["All the requests are in flight at the same time, so the call takes as long as the slowest one."],
            "order": ["Each child returns its index with its outcome, and I put every outcome back in its slot."],
            "partial-failure": ["A request that fails doesn't cancel the others: each child catches its own error and wraps it in a Result."],
        ],
        "unawaited-work": [
            "await-save": ["The save is started in a Task nobody awaits; I'll await it before replying and pass errors back."],
            "report-failure": ["The save is started in a Task nobody awaits; I'll await it before replying and pass errors back."],
            "no-fire-and-forget": ["The save is started in a Task nobody awaits; I'll await it before replying and pass errors back."],
        ],
        "async-foreach": [
            "wait-for-all": ["forEach with a Task inside returns at once, so I use a group and the function only returns when all of them are done."],
            "parallel": ["Each record is fetched and processed side by side with the others, so the batch takes as long as the slowest record."],
            "fail-fast": ["If any record throws, that error comes out straight away and the records still running are cancelled."],
        ],
        "fetch-with-timeout": [
            "race": ["The request competes with a sleep on the given clock, and I take whichever comes back first."],
            "cancel-loser": ["When the sleep wins I cancel the request, and when the request wins the sleeping child is cancelled too."],
            "structured": ["Both run as children of one group, so if the caller is cancelled both children are cancelled and nothing outlives the call."],
        ],
        "fetch-all-resilient": [
            "parallel": ["Every URL is fetched at the same time, so the total is bounded by the time-out."],
            "partial-failure": ["A slow or failing host only affects its own URL: the others still get their bodies, in input order."],
            "per-request-timeout": ["Each URL has its own time-out: a request that times out gets TimeoutError and is cancelled."],
        ],
        "callback-bridge": [
            "continuation": ["I wrap the completion handler with withCheckedThrowingContinuation so the lookup can be awaited."],
            "exactly-once": ["The SDK can call back twice, so the box hands out the continuation to only one caller and a second call is ignored."],
            "not-found": ["When the SDK calls back with neither a value nor an error, I throw NotFound."],
            "cancellation": ["If the awaiting task is cancelled, a cancellation handler calls cancel() on the legacy request."],
        ],
        "sign-in-flow": [
            "dependency": ["The two loads need the session, so they can only start after signing in."],
            "parallel": ["Once signed in, preferences and recommendations are loaded side by side with async let."],
            "fallback": ["If preferences fail I use the default ones, and missing recommendations just leave the list empty."],
            "cancellation": ["When the caller is cancelled, the loads in flight are cancelled as well and I rethrow CancellationError."],
        ],
        "concurrency-model-quiz": [
            "suspension": ["At every await the function may be suspended and the actor may run other work, so its state can change."],
            "structured": ["async let and task groups create children that cannot outlive their scope, unlike Task.detached."],
            "cooperative": ["A cancelled task keeps running until it checks, so cancellation is cooperative, and so is Task.yield()."],
            "executors": ["@MainActor code runs on the main thread while everything else shares a small pool of threads."],
        ],
        "bounded-concurrency": [
            "limit": ["I never have more than limit transforms in flight at once."],
            "refill": ["Whenever a child finishes, I start the next waiting item, so the pool never drains in batches."],
            "order": ["Every child returns its index, so the output array matches the input order."],
            "fail-fast": ["The first thrown error leaves the group, which cancels whatever is still running."],
        ],
        "retry-backoff": [
            "backoff": ["After each failure the pause doubles, but it is capped at maxDelay."],
            "sequential": ["Each attempt depends on the previous one, so they run one after the other in a loop."],
            "retryable": ["Errors that isRetryable rejects are thrown at once; otherwise I give up after the last attempt and throw its error."],
            "cancellation": ["A cancelled caller is never retried: the cancellation ends the wait and is rethrown."],
        ],
        "request-coalescing": [
            "reentrancy": ["While the actor awaits the loader, other callers can get in, so I must not check and then await."],
            "coalesce": ["Callers asking for the same URL while it loads all await the one shared Task instead of starting their own."],
            "failure-not-cached": ["If the load throws, its entry is removed from the dictionary so the next call tries again."],
        ],
        "task-local-context": [
            "task-local": ["I keep the request ID in a @TaskLocal and bind it with withValue around the work."],
            "inherit": ["Children of the group inherit the bound ID, so every log line carries the right one."],
            "concurrent": ["The items are processed in parallel, each in its own child of a throwing group."],
        ],
        "cpu-bound-work": [
            "child-tasks": ["Every blob gets its own task in a group so the blobs are summed side by side."],
            "yield": ["Between chunks each child yields, so long blobs take turns with the rest of the program."],
            "cancellation": ["Each child checks for cancellation before every chunk and stops within one chunk."],
            "no-blocking": ["Nothing waits on a semaphore or blocks a thread of the cooperative pool."],
        ],
        "latest-wins-search": [
            "debounce": ["Each keystroke first sleeps for the debounce interval and only searches if nothing newer arrived."],
            "cancel-stale": ["A newer keystroke cancels the task of the previous one, whether it is still sleeping or searching."],
            "latest-wins": ["After the search I check that this call is still the most recent one before returning results."],
        ],
        "hedged-request": [
            "hedge": ["If the primary has not answered after hedgeAfter, I send a second request to the backup server."],
            "first-success": ["Whichever request succeeds first wins; a failed one is ignored while the other may still succeed."],
            "cancel-loser": ["When there is a winner, I cancel the other request and the timer."],
        ],
        "rate-limiter": [
            "window": ["I keep the times of the last N grants and a call may go once the oldest of them is an interval old."],
            "fifo": ["Callers wait in a queue and are let through in arrival order."],
            "no-polling": ["The caller at the front sleeps until the oldest grant expires, instead of polling."],
            "cancellation": ["A caller cancelled while waiting leaves the line and takes no permit."],
        ],
        "bounded-channel": [
            "backpressure": ["When the buffer is at capacity, send suspends until a receiver makes room."],
            "fifo": ["Elements come out in the order they were sent, and waiting senders and receivers are served in the order they arrived."],
            "cancellation": ["A waiter that is cancelled is taken out of the line and never resumed a second time."],
            "close": ["After the channel is closed, send throws and receive drains what is left, then returns nil."],
        ],
        "job-tracker": [
            "tracked": ["The tracker keeps each job's Task only while it runs, and the job removes its own entry when it ends."],
            "errors": ["Every job that throws has its error kept, and shutdown hands all of them back."],
            "drain": ["shutdown() refuses new jobs, then waits until every job still running has finished."],
        ],
        "gcd-migration": [
            "actor": ["I swap the concurrent queue and its locks for an actor that keeps the dictionary to itself."],
            "coalesce": ["If a second caller asks for a URL that is already being drawn, it awaits the render in flight instead of starting its own."],
            "limit": ["Renders beyond the limit wait their turn suspended, rather than blocking a thread like the semaphore did."],
            "cancellation": ["When all the callers waiting for one URL are cancelled, its render gives up its place in line and never runs."],
        ],
        "sendable-repair": [
            "no-shared-state": ["The children never write to the same tally any more, so there is no data race to silence."],
            "parallel": ["All five downloads are in flight at the same time, just as before the fix."],
            "sendable": ["Only values cross into the tasks: the settings are a struct each child gets its own copy of."],
            "order": ["The parent places every result at its position, so the summary follows the order of the URLs."],
        ],
        "async-stream-bridge": [
            "buffer": ["A slow reader skips stale readings and always gets the most recent one."],
            "lifetime": ["The sensor only keeps a weak reference, so the stream itself has to hold on to our delegate."],
            "termination": ["When the consumer stops, for whatever reason, the handler unregisters our delegate exactly once."],
            "error": ["If the sensor fails, the stream ends by throwing, and the consumer's for-await loop throws it too."],
        ],
        "compensating-transaction": [
            "concurrent": ["Flight, hotel and car are all requested at the same time rather than one after another."],
            "compensate": ["When the trip fails, every part that already went through is rolled back, and nothing else."],
            "cancellation": ["The clean-up is started outside the caller's task, so cancelling the caller cannot interrupt it."],
            "errors": ["The caller gets back the error that started it all, and the undos that failed are listed in CompensationFailed."],
        ],
        "optimistic-update": [
            "version-check": ["The put carries the version number I read, and the store refuses it if someone wrote in between."],
            "fresh-read": ["A conflict means my copy is stale, so the next attempt fetches the current value before applying the change."],
            "bounded-retries": ["If the conflicts keep coming, I stop after the allowed number of attempts and throw TooManyConflicts."],
            "only-conflicts": ["Errors other than a conflict, like the store going down, are passed straight to the caller and never retried."],
        ],
        "callback-facade": [
            "task-bridge": ["The table's call kicks off an unstructured Task which awaits the store and reports the outcome through the handler."],
            "exactly-once": ["Only the end of the task calls the handler, so it can never be called twice."],
            "cancel-task": ["Calling cancel() on the request stops the lookup's task, which then reports CancellationError."],
            "not-inside": ["The handler is never called before getItem has handed back its request."],
        ],
        "main-actor-ui": [
            "off-main": ["Parsing happens in a nonisolated function, so the UI thread is free while the feed is parsed."],
            "cancel-previous": ["Pulling to refresh again aborts the earlier load, and when the caller goes away its load stops too."],
            "latest-only": ["When the parse comes back I make sure no newer refresh has started since, otherwise I drop its stale articles."],
            "quiet-cancel": ["If the load was cancelled I just return, because that is not an error the user should see."],
        ],
        "isolation-quiz": [
            "default-isolation": ["Anything I leave without an annotation is treated as @MainActor in this target."],
            "caller-actor": ["A nonisolated async method stays on the actor that called it, with no hop."],
            "concurrent": ["Heavy rendering has to leave the UI, so it runs on the global executor."],
            "conformance": ["A struct that belongs to the UI also conforms to Hashable only there, so an actor cannot hash it."],
        ],
    ]

    /// Whole plans in other words, as a learner might type them in an interview: each names every concept.
    private let wholePlans: [String: [String]] = [
        "unawaited-work": [
            #"Make handle wait for the save, catch its error and put it in the response, and don't start anything we don't wait for."#,
        ],
        "async-foreach": [
            #"Replace forEach+Task with a throwing group: one child per record, all running concurrently; the group is awaited so we return only after all records are processed, and the first thrown error cancels the remaining children."#,
            #"Records are independent so I process them in parallel, but unlike forEach the function waits until every one is done, and if one fails the others are cancelled."#,
        ],
        "fetch-with-timeout": [
            #"Two children in a task group: the fetch and a clock.sleep(for: timeout) that throws TimeoutError; the first result wins and I cancel the other one."#,
            #"I put the request and a timer in a group and return whatever comes first, cancelling the other; since it's structured, nothing keeps running after return."#,
            #"whichever of the request and the deadline finishes first decides the outcome, then cancelAll stops the other child of the group."#,
        ],
        "callback-bridge": [
            #"I use withCheckedThrowingContinuation and guard it with a Mutex so the continuation is resumed just once even if the SDK calls back twice; (nil, nil) throws NotFound and a task cancellation handler forwards cancel() to the request."#,
            #"A continuation wraps the callback; an atomic flag makes sure only the first of the two callbacks resumes; a missing item without an error means NotFound; on cancellation I cancel the SDK request."#,
        ],
        "sign-in-flow": [
            #"First sign in, because everything else needs the session; then async let both loads; each load catches its error and uses a default, except CancellationError which is rethrown."#,
        ],
        "retry-backoff": [
            #"Loop up to maxAttempts: call the operation, on a retryable failure sleep for the current delay then multiply it by the multiplier (never above maxDelay). Non-retryable errors and the last failure are thrown immediately, and CancellationError is never retried."#,
        ],
        "request-coalescing": [
            #"The actor keeps a dictionary of in-progress Tasks keyed by URL, so concurrent callers for the same URL await the same Task rather than starting a duplicate load; since the actor can be re-entered at the await, I insert the Task before awaiting it; on failure I drop the entry so a later call retries."#,
        ],
        "task-local-context": [
            #"A @TaskLocal static var holds the request ID; I run the work inside RequestContext.$id.withValue(id) and child tasks of the task group inherit it, so the items run concurrently and each log line carries its request's ID."#,
        ],
        "cpu-bound-work": [
            #"One child task per blob in a task group; after every chunk I call Task.yield() so others get to run and try Task.checkCancellation() so a cancelled call stops promptly; I never block a thread with a semaphore or a DispatchGroup wait."#,
        ],
        "latest-wins-search": [
            #"The actor keeps the current Task; a new query cancels the previous one, sleeps for the debounce on the clock, then searches; if the task was cancelled or a newer query arrived in the meantime, I return nil, so only the latest query's results are returned."#,
        ],
        "hedged-request": [
            #"Start the primary; if it hasn't answered within hedgeAfter (or fails), start the backup; return the first successful response and cancel everything else; if both fail, throw the primary's error."#,
        ],
        "rate-limiter": [
            #"I remember the timestamps of the last N permits; callers line up in a FIFO queue and the head sleeps exactly until the oldest timestamp expires (no busy waiting); a waiter that is cancelled is removed from the queue without consuming a permit."#,
        ],
        "bounded-channel": [
            #"An actor with a buffer of at most capacity elements: send suspends while it's full, receive suspends while it's empty; waiters are queued FIFO and resumed once; a cancelled waiter is removed; close() fails pending and future sends and lets receivers drain before returning nil."#,
        ],
        "main-actor-ui": [
            #"Parse in a @concurrent func so the main thread never blocks; keep the refresh Task and cancel it when a new refresh comes in (and from withTaskCancellationHandler); after parsing check Task.isCancelled so stale results are dropped, and don't show CancellationError as .failed."#,
        ],
        "job-tracker": [
            #"Each submitted job runs in its own Task stored in a dictionary by id and removes itself when it ends; failures are appended to an errors array; shutdown() sets a closed flag so submit throws, then awaits every remaining task and returns the errors."#,
        ],
        "bounded-concurrency": [
            #"I keep at most limit children in a task group: I seed it with limit items and each time one completes I add the next, storing results by index; the first error propagates out of the group and cancels the rest."#,
        ],
        "fetch-all-resilient": [
            #"Each URL gets a child that races fetch against clock.sleep(timeout) in its own small group, and returns (index, Result); the outer group runs them all concurrently, so one slow host only times out its own slot."#,
        ],
        "fetch-all-settled": [
            #"Start all fetches at once in a task group; each child catches and returns a Result so one failure never affects another, and results are placed by index."#,
        ],
        "concurrency-model-quiz": [
            #"My answers rest on this: awaits suspend and actors can interleave there, child tasks are scoped but Task {} is not, cancellation is only a flag that code must check, and the main actor is the main thread while other code runs on the global executor."#,
        ],
        "gcd-migration": [
            #"Make the cache an actor; keep one render Task per URL in a dictionary, inserted before awaiting it, so concurrent callers for the same URL await it; swap the DispatchSemaphore for a counter of free slots and a FIFO list of suspended continuations; if every caller of a render is cancelled, take it out of the line so it never starts."#,
        ],
        "sendable-repair": [
            #"Each child task gets a copy of the options struct, which is Sendable, and returns (index, bytes) instead of mutating a shared tally; the group still runs all the downloads concurrently, and the parent builds the summary by index so the input order is kept."#,
        ],
        "async-stream-bridge": [
            #"I return an AsyncThrowingStream with bufferingNewest(1) so a slow consumer only sees the latest reading; the delegate is held strongly by the onTermination closure because the sensor keeps only a weak reference, and onTermination unregisters it with its token however the stream ends; on a sensor error I call finish(throwing:)."#,
        ],
        "compensating-transaction": [
            #"Run the three bookings concurrently in a throwing task group and remember each confirmation; when one throws, wait for the rest, then undo every confirmed booking in a detached Task so the caller's cancellation can't interrupt it, and rethrow the original error, wrapped in CompensationFailed if some undo failed."#,
        ],
        "optimistic-update": [
            #"Loop: get the value and its version, apply the transform, put with ifVersion; on VersionConflict go round again with a new get; after maxAttempts conflicts throw TooManyConflicts; any other error is rethrown immediately."#,
        ],
        "callback-facade": [
            #"getItem creates a Task that awaits the store and calls completion with the Result at the end, so there's exactly one call site; it returns a request wrapping the task, so the completion can't run before getItem returns; cancel() calls task.cancel() and the task reports CancellationError."#,
        ],
        "isolation-quiz": [
            #"Unannotated declarations are @MainActor here, conformances included; a nonisolated async function stays on whichever actor called it, and @concurrent is the way to get off every actor."#,
        ],
    ]

    /// For each exercise: lists of its keywords that must not be credited with anything.
    private let keywordLists: [String: [String]] = [
        "fetch-all": ["task group, index, cancel", "concurrent task group order index first error cancel"],
        "fetch-all-settled": ["task group; Result; order; partial failure"],
        "unawaited-work": ["await save, catch error, server error, no fire-and-forget"],
        "async-foreach": ["withThrowingTaskGroup, parallel, wait for all, cancel"],
        "fetch-with-timeout": ["race cancel task group", "race, timer, cancel loser, task group, structured, caller"],
        "fetch-all-resilient": ["parallel, per-request timeout, Result per URL, order"],
        "callback-bridge": ["continuation, lock, exactly once, NotFound, withTaskCancellationHandler"],
        "sign-in-flow": ["sign in first, async let, fallback, cancel"],
        "concurrency-model-quiz": ["suspension, structured, cooperative, main actor, pool"],
        "bounded-concurrency": ["sliding window limit refill order first error cancel"],
        "retry-backoff": ["exponential backoff, loop, isRetryable, cancellation"],
        "request-coalescing": ["actor re-entrancy, in-flight Task dictionary, remove on failure"],
        "task-local-context": ["@TaskLocal withValue, child tasks inherit, task group"],
        "cpu-bound-work": ["task group per blob, Task.yield, checkCancellation, no semaphore"],
        "latest-wins-search": ["debounce, cancel stale task, latest wins"],
        "hedged-request": ["hedge timer, backup, first success wins, cancelAll"],
        "rate-limiter": ["sliding window, FIFO queue, sleep until deadline, cancellation"],
        "bounded-channel": ["backpressure, FIFO, cancellation, close drains then nil"],
        "job-tracker": ["task handles dictionary, record errors, drain on shutdown"],
        "gcd-migration": ["actor, re-entrancy, one render per URL, slots, cancellation"],
        "sendable-repair": ["Sendable struct, no shared mutable state, task group, index order", "no data race, concurrent, Sendable options, sorted by index"],
        "async-stream-bridge": ["bufferingNewest(1), onTermination, strong delegate, finish(throwing:)", "AsyncThrowingStream, newest buffer, keep delegate alive, remove delegate, rethrow error"],
        "compensating-transaction": ["task group, compensate confirmed, unstructured Task, original error", "saga; concurrent bookings; rollback; detached undo; CompensationFailed"],
        "optimistic-update": ["version check, fresh read, maxAttempts, TooManyConflicts, only conflicts", "compare-and-set loop, re-read on conflict, give up, other errors unchanged"],
        "callback-facade": ["unstructured Task, exactly once, cancel, after getItem returns", "Task, completion once, cancel task, CancellationError, never inside getItem"],
        "main-actor-ui": ["@concurrent parse, cancel previous Task, check after parse, no error on cancel", "off main, cancellation handler, latest wins, quiet cancel"],
        "isolation-quiz": ["main actor, nonsending, @concurrent, conformance", "default isolation; caller's actor; global executor; isolated conformance"],
    ]

    func test_everyConceptHasAParaphraseAndEveryExerciseAKeywordList() throws {
        for exercise in try TestSupport.catalog.exercises {
            XCTAssertNotNil(keywordLists[exercise.name], "add a keyword list for \(exercise.name) to IntentCatalogTests")
            for concept in exercise.concepts {
                XCTAssertFalse(paraphrases[exercise.name]?[concept.id]?.isEmpty ?? true,
                               "add a paraphrase for \(exercise.name)/\(concept.id) to IntentCatalogTests")
                XCTAssertNotNil(concept.example, "\(exercise.name)/\(concept.id) has no example phrase")
            }
        }
    }

    func test_aParaphraseInOtherWordsNamesItsConcept() throws {
        for exercise in try TestSupport.catalog.exercises {
            for concept in exercise.concepts {
                for plan in paraphrases[exercise.name]?[concept.id] ?? [] {
                    XCTAssertTrue(IntentComment.isPlan(plan, concepts: exercise.concepts), "\(exercise.name): not read as a plan: \(plan)")
                    let named = IntentComment.concepts(named: plan, concepts: exercise.concepts).named
                    XCTAssertTrue(named.contains(concept.id), "\(exercise.name)/\(concept.id) not named by: \(plan)")
                }
            }
        }
    }

    func test_wholePlansInOtherWordsNameEveryConcept() throws {
        for (name, plans) in wholePlans {
            let exercise = try TestSupport.exercise(name)
            for plan in plans {
                XCTAssertEqual(IntentComment.concepts(named: plan, concepts: exercise.concepts).missed, [], "\(name): \(plan)")
            }
        }
    }

    func test_aListOfKeywordsNamesNothing() throws {
        for exercise in try TestSupport.catalog.exercises {
            // The exercise's own first terms, joined as a list, as well as the handwritten lists.
            let own = [exercise.concepts.compactMap(\.words.first).joined(separator: ", "),
                       exercise.concepts.flatMap { $0.words.prefix(2) }.joined(separator: " ")]
            for list in own + (keywordLists[exercise.name] ?? []) {
                XCTAssertFalse(IntentComment.isPlan(list, concepts: exercise.concepts), "\(exercise.name): read as a plan: \(list)")
                XCTAssertEqual(IntentComment.concepts(named: list, concepts: exercise.concepts).named, [], "\(exercise.name): \(list)")
            }
        }
    }

    func test_theSuggestedPlanNamesEveryConcept() throws {
        for exercise in try TestSupport.catalog.exercises {
            let plan = exercise.concepts.compactMap(\.example).joined(separator: "; ")
            XCTAssertTrue(IntentComment.isPlan(plan, concepts: exercise.concepts), "\(exercise.name): \(plan)")
            let result = IntentComment.concepts(named: plan, concepts: exercise.concepts)
            XCTAssertEqual(result.missed, [], "\(exercise.name): the examples do not name \(result.missed)")
            for concept in exercise.concepts {
                let alone = IntentComment.concepts(named: "In short: " + (concept.example ?? "") + ", as planned.", concepts: [concept])
                XCTAssertEqual(alone.named, [concept.id], "\(exercise.name)/\(concept.id): its example does not name it")
            }
        }
    }

    func test_everyReferenceIntentNamesEveryConcept() throws {
        for exercise in try TestSupport.catalog.exercises {
            let source = try String(contentsOf: exercise.referenceFile, encoding: .utf8)
            let intent = try XCTUnwrap(IntentComment.extract(source), "\(exercise.name) reference has no intent")
            XCTAssertEqual(IntentComment.concepts(named: intent, concepts: exercise.concepts).missed, [], exercise.name)
        }
    }
}
