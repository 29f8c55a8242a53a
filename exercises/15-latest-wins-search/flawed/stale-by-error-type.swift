// expect: fail cancellation
import Foundation
import InterviewKit

// Intent: each keystroke cancels the previous one's work; a cancelled wait or search returns nil,
// a search that fails for any other reason returns [].
actor SearchController {
    private let debounce: Duration
    private let clock: any Clock<Duration>
    private let search: @Sendable (String) async throws -> [String]
    private var current: Task<[String]?, Never>?

    init(debounce: Duration, clock: any Clock<Duration>, search: @escaping @Sendable (String) async throws -> [String]) {
        self.debounce = debounce
        self.clock = clock
        self.search = search
    }

    func queryChanged(_ query: String) async -> [String]? {
        current?.cancel()
        let work = Task { [debounce, clock, search] () async -> [String]? in
            do { try await clock.sleep(for: debounce) } catch { return nil }
            do {
                return try await search(query)
            } catch is CancellationError {
                return nil
            } catch {
                return []
            }
        }
        current = work
        return await withTaskCancellationHandler { await work.value } onCancel: { work.cancel() }
    }
}
