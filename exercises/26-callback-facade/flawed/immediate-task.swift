// expect: fail errors
import Foundation
import InterviewKit

// Intent: getItem starts the lookup with Task.immediate, so it begins on the caller's thread
// without waiting for a hop, and returns a request holding the task. The completion is
// called exactly once, from the task's end: the item, NotFound for nil, or the error.
// cancel() cancels the task; a cancelled lookup reports CancellationError even if the store
// answered.

/// The callback-style table, answered by an async item store.
final class TableFacade: LegacyTable {
    private let store: any ItemStore

    init(store: some ItemStore) {
        self.store = store
    }

    /// Starts looking `key` up; `completion` gets the item, `NotFound` or the error, exactly once.
    func getItem(_ key: String, completion: @escaping @Sendable (Item?, (any Error)?) -> Void) -> any LegacyRequest {
        let store = self.store
        // The flaw: an immediate task runs synchronously until its first suspension. A store
        // that answers without suspending (a cache) makes the completion run inside getItem.
        let lookup = Task.immediate {
            do {
                let item = try await store.item(key)
                try Task.checkCancellation()
                if let item {
                    completion(item, nil)
                } else {
                    completion(nil, NotFound(key: key))
                }
            } catch {
                let reported: any Error = Task.isCancelled ? CancellationError() : error
                completion(nil, reported)
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
