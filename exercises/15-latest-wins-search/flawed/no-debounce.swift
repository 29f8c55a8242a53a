// expect: fail correctness
import Foundation
import InterviewKit

// Intent: each keystroke cancels the previous search and starts its own at once; only the
// newest call returns results.

actor SearchController {
    private let debounce: Duration
    private let clock: any Clock<Duration>
    private let search: @Sendable (String) async throws -> [String]
    private var newest: (id: Int, work: Task<[String]?, Never>)?
    private var keystrokes = 0

    init(debounce: Duration, clock: any Clock<Duration>, search: @escaping @Sendable (String) async throws -> [String]) {
        self.debounce = debounce
        self.clock = clock
        self.search = search
    }

    func queryChanged(_ query: String) async -> [String]? {
        newest?.work.cancel()
        keystrokes += 1
        let id = keystrokes
        // No wait: every keystroke reaches the server, even the ones replaced a moment later.
        let work = Task { [search] () async -> [String]? in
            do {
                let results = try await search(query)
                return Task.isCancelled ? nil : results
            } catch {
                return Task.isCancelled ? nil : []
            }
        }
        newest = (id, work)
        let results = await work.value
        guard newest?.id == id else { return nil }
        newest = nil
        return results
    }
}
