import Foundation
import InterviewKit

// Intent: latest wins by generation number. Each keystroke bumps the generation and cancels
// whatever the previous one is doing, whether it is still in its debounce wait on the clock or
// already searching: the actor keeps a way to cancel the newest call's current step. A stale call
// notices (its wait or search was cancelled, or the generation moved on) and returns nil, so an
// old query never searches late and its results never reach anyone. A search that fails without
// being cancelled returns []. Each step is a task the call awaits, so nothing outlives the last call.

actor SearchController {
    private let debounce: Duration
    private let clock: any Clock<Duration>
    private let search: @Sendable (String) async throws -> [String]

    private var generation = 0
    /// Cancels the newest call's current step: its debounce wait, then its search.
    private var cancelCurrentStep: (@Sendable () -> Void)?

    init(debounce: Duration, clock: any Clock<Duration>, search: @escaping @Sendable (String) async throws -> [String]) {
        self.debounce = debounce
        self.clock = clock
        self.search = search
    }

    /// Waits out the debounce and searches for `query`; nil if a newer query replaced it first.
    func queryChanged(_ query: String) async -> [String]? {
        cancelCurrentStep?()
        generation += 1
        let mine = generation

        let wait = Task { [clock, debounce] in try await clock.sleep(for: debounce) }
        cancelCurrentStep = { wait.cancel() }
        let waited = await withTaskCancellationHandler { await wait.result } onCancel: { wait.cancel() }
        guard case .success = waited, mine == generation else { return nil }

        let lookup = Task { [search] in try await search(query) }
        cancelCurrentStep = { lookup.cancel() }
        let found = await withTaskCancellationHandler { await lookup.result } onCancel: { lookup.cancel() }
        guard mine == generation, !Task.isCancelled else { return nil }
        cancelCurrentStep = nil
        switch found {
        case .success(let results):
            return results
        case .failure:
            return []  // a failed search shows nothing for this query; the next one starts clean
        }
    }
}
