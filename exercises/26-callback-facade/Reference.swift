import Foundation
import InterviewKit

// Intent: the facade turns the async store back into the table's callback API. getItem
// starts one unstructured Task for the lookup and returns at once a request that holds the
// task's handle. The completion is called from one place only, the end of that task, so it
// runs exactly once and never inside getItem: no lock or once-flag is needed. A nil item
// becomes NotFound; a store error is passed on unchanged. cancel() just cancels the task:
// Swift cancellation reaches the store's call, and when the task ends it reports
// CancellationError, even if the store answered anyway, so nothing of the lookup is left
// running once the caller hears back. A second cancel(), or one after the completion, finds
// nothing left to stop.

/// The callback-style table, answered by an async item store.
final class TableFacade: LegacyTable {
    private let store: any ItemStore

    init(store: some ItemStore) {
        self.store = store
    }

    /// Starts looking `key` up; `completion` gets the item, `NotFound` or the error, exactly once.
    func getItem(_ key: String, completion: @escaping @Sendable (Item?, (any Error)?) -> Void) -> any LegacyRequest {
        let store = self.store
        let lookup = Task {
            do {
                let item = try await store.item(key)
                // Cancelled while the store was busy: the caller asked to stop, so tell it that.
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

/// What the caller keeps: cancelling it cancels the lookup's task, which then calls back.
private struct LookupRequest: LegacyRequest {
    let lookup: Task<Void, Never>

    func cancel() {
        lookup.cancel()
    }
}
