// expect: fail cancellation
import Foundation
import InterviewKit

// Intent: getItem starts a task for the async lookup and returns a request holding it; the
// completion is called exactly once, from the task, when the store answers (nil becomes
// NotFound, errors are passed on). cancel() cancels the task so the store stops; a caller
// that cancelled no longer wants the answer, so a cancelled lookup stays silent.

/// The callback-style table, answered by an async item store.
final class TableFacade: LegacyTable {
    private let store: any ItemStore

    init(store: some ItemStore) {
        self.store = store
    }

    /// Starts looking `key` up; `completion` gets the item, `NotFound` or the error.
    func getItem(_ key: String, completion: @escaping @Sendable (Item?, (any Error)?) -> Void) -> any LegacyRequest {
        let store = self.store
        let lookup = Task {
            do {
                let item = try await store.item(key)
                // The flaw: a cancelled lookup returns without calling back, so a caller
                // waiting for its completion to clean up waits forever.
                guard !Task.isCancelled else { return }
                completion(item, item == nil ? NotFound(key: key) : nil)
            } catch {
                guard !Task.isCancelled else { return }
                completion(nil, error)
            }
        }
        return LookupRequest(lookup: lookup)
    }
}

/// Cancelling the request cancels the lookup's task.
private struct LookupRequest: LegacyRequest {
    let lookup: Task<Void, Never>

    func cancel() {
        lookup.cancel()
    }
}
