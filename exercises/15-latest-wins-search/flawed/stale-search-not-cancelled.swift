// expect: fail cancellation resources
import Foundation
import InterviewKit

// Intent: count the keystrokes; after the debounce only the newest one searches, and a call
// that is no longer the newest when its search ends returns nil.

actor SearchController {
    private let debounce: Duration
    private let clock: any Clock<Duration>
    private let search: @Sendable (String) async throws -> [String]
    private var keystrokes = 0

    init(debounce: Duration, clock: any Clock<Duration>, search: @escaping @Sendable (String) async throws -> [String]) {
        self.debounce = debounce
        self.clock = clock
        self.search = search
    }

    func queryChanged(_ query: String) async -> [String]? {
        keystrokes += 1
        let id = keystrokes
        try? await clock.sleep(for: debounce)
        guard id == keystrokes else { return nil }
        // Nothing can stop this search once it has started: a stale one runs to the end.
        let results = (try? await search(query)) ?? []
        return id == keystrokes ? results : nil
    }
}
