// expect: fail cancellation resources
import Foundation
import InterviewKit

// Intent: getItem starts a task for the async lookup and returns a request holding it. The
// task calls the completion when the store answers (nil becomes NotFound). cancel() cancels
// the task so the store stops, and tells the caller right away with CancellationError,
// so nobody waits for a lookup that was called off.

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
                completion(item, item == nil ? NotFound(key: key) : nil)
            } catch {
                completion(nil, error)
            }
        }
        return CancellingRequest(lookup: lookup, completion: completion)
    }
}

/// Cancels the lookup and calls back at once.
private struct CancellingRequest: LegacyRequest {
    let lookup: Task<Void, Never>
    let completion: @Sendable (Item?, (any Error)?) -> Void

    func cancel() {
        lookup.cancel()
        // The flaw: the task calls back too when it ends (with CancellationError, or the
        // item if the store ignored the cancel), and every further cancel() calls back again.
        completion(nil, CancellationError())
    }
}
