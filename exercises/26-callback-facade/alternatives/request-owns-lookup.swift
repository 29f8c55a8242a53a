import Foundation
import InterviewKit

// Intent: the request object is the lookup. Its init starts one unstructured Task that asks
// the store and calls the completion when it ends, so the completion runs exactly once, from
// one place, and never inside getItem (the task only runs after getItem has returned).
// cancel() cancels that task, so Swift cancellation reaches the store; however the task
// ends after a cancel, it reports CancellationError. Cancelling twice or after the
// completion does nothing, because cancelling a task is idempotent.

/// The callback-style table, answered by an async item store.
final class TableFacade: LegacyTable {
    private let store: any ItemStore

    init(store: some ItemStore) {
        self.store = store
    }

    /// Starts looking `key` up; `completion` gets the item, `NotFound` or the error, exactly once.
    func getItem(_ key: String, completion: @escaping @Sendable (Item?, (any Error)?) -> Void) -> any LegacyRequest {
        Lookup(key, in: store, completion: completion)
    }
}

/// One lookup in flight, cancellable through the table's request protocol.
private final class Lookup: LegacyRequest, Sendable {
    private let task: Task<Void, Never>

    init(_ key: String, in store: any ItemStore, completion: @escaping @Sendable (Item?, (any Error)?) -> Void) {
        task = Task {
            let item: Item?
            do {
                item = try await store.item(key)
            } catch {
                completion(nil, Task.isCancelled ? CancellationError() : error)
                return
            }
            if Task.isCancelled {
                completion(nil, CancellationError())
            } else if let item {
                completion(item, nil)
            } else {
                completion(nil, NotFound(key: key))
            }
        }
    }

    func cancel() {
        task.cancel()
    }
}
