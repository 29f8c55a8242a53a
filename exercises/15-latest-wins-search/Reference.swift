import Foundation
import InterviewKit

// Intent: latest wins. Each keystroke's work (debounce wait, then search) runs in one Task
// that the actor keeps; a newer keystroke cancels the previous Task, which stops its debounce
// sleep or its search in flight, so a stale query never searches and a stale search never
// keeps running. A cancelled call returns nil; a search that fails without being cancelled
// returns [] so the next query starts clean. After the await I check the call is still the
// newest, so an older query's results are never returned to anyone.

actor SearchController {
    private let debounce: Duration
    private let clock: any Clock<Duration>
    private let search: @Sendable (String) async throws -> [String]

    /// The newest keystroke's work, and a number that identifies it.
    private var newest: (id: Int, work: Task<[String]?, Never>)?
    private var keystrokes = 0

    init(debounce: Duration, clock: any Clock<Duration>, search: @escaping @Sendable (String) async throws -> [String]) {
        self.debounce = debounce
        self.clock = clock
        self.search = search
    }

    /// Waits out the debounce and searches for `query`; nil if a newer query replaced it first.
    func queryChanged(_ query: String) async -> [String]? {
        // A newer query makes the previous one stale: stop its wait or its search.
        newest?.work.cancel()
        keystrokes += 1
        let id = keystrokes
        let work = Task { [debounce, clock, search] () async -> [String]? in
            do {
                try await clock.sleep(for: debounce)
            } catch {
                return nil  // cancelled while waiting: never searched
            }
            do {
                let results = try await search(query)
                return Task.isCancelled ? nil : results
            } catch {
                return Task.isCancelled ? nil : []
            }
        }
        newest = (id, work)
        // If the caller itself is cancelled, stop the work too.
        let results = await withTaskCancellationHandler {
            await work.value
        } onCancel: {
            work.cancel()
        }
        // A newer query may have arrived while this one was finishing: it wins.
        guard newest?.id == id else { return nil }
        newest = nil
        return results
    }
}
