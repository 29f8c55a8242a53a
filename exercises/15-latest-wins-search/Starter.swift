import Foundation
import InterviewKit

// Intent: (say in a sentence or two why your code has the shape it has)

actor SearchController {
    private let debounce: Duration
    private let clock: any Clock<Duration>
    private let search: @Sendable (String) async throws -> [String]

    init(debounce: Duration, clock: any Clock<Duration>, search: @escaping @Sendable (String) async throws -> [String]) {
        self.debounce = debounce
        self.clock = clock
        self.search = search
    }

    /// Searches for `query` and returns its results.
    func queryChanged(_ query: String) async -> [String]? {
        // Every keystroke searches at once, and every search runs to the end.
        do {
            return try await search(query)
        } catch {
            return []
        }
    }
}
