import Foundation
import InterviewKit

// Intent: each call runs a structured race in its own task group: one child waits the debounce on
// the clock and then searches, the other waits for a "superseded" signal (an AsyncStream the actor
// finishes when a newer query arrives). Whichever finishes first wins and cancelAll cancels the
// other, so a newer keystroke cancels a stale debounce or a stale search in flight, and that call
// returns nil. A generation number makes sure only the latest call returns results. A search that
// fails without being cancelled gives []. Everything is a child task, so nothing outlives a call.

actor SearchController {
    private enum Outcome: Sendable {
        case results([String])
        case superseded
    }

    private let debounce: Duration
    private let clock: any Clock<Duration>
    private let search: @Sendable (String) async throws -> [String]

    private var generation = 0
    /// Finishing it tells the newest call that a newer query has arrived.
    private var supersede: AsyncStream<Void>.Continuation?

    init(debounce: Duration, clock: any Clock<Duration>, search: @escaping @Sendable (String) async throws -> [String]) {
        self.debounce = debounce
        self.clock = clock
        self.search = search
    }

    /// Waits out the debounce and searches for `query`; nil if a newer query replaced it first.
    func queryChanged(_ query: String) async -> [String]? {
        supersede?.finish()
        let (superseded, trigger) = AsyncStream<Void>.makeStream()
        supersede = trigger
        generation += 1
        let mine = generation

        let outcome = await withTaskGroup(of: Outcome.self) { group in
            group.addTask { [clock, debounce, search] in
                do {
                    try await clock.sleep(for: debounce)
                } catch {
                    return .superseded
                }
                do {
                    return .results(try await search(query))
                } catch {
                    return Task.isCancelled ? .superseded : .results([])
                }
            }
            group.addTask {
                for await _ in superseded {}
                return .superseded
            }
            let first = await group.next() ?? .superseded
            group.cancelAll()
            return first
        }
        guard mine == generation else { return nil }
        supersede = nil
        guard case .results(let results) = outcome else { return nil }
        return results
    }
}
