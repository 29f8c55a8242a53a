// expect: fail correctness cancellation
import Foundation
import InterviewKit

// Intent: debounce each keystroke; if a search is already running, wait for it instead of
// starting another one, so the server sees at most one search at a time.

actor SearchController {
    private let debounce: Duration
    private let clock: any Clock<Duration>
    private let search: @Sendable (String) async throws -> [String]
    private var keystrokes = 0
    private var running: Task<[String], Never>?

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
        // The running search is for an older query: its results go to this newer call.
        if let running {
            return await running.value
        }
        let search = self.search
        let task = Task { (try? await search(query)) ?? [] }
        running = task
        let results = await task.value
        running = nil
        return results
    }
}
