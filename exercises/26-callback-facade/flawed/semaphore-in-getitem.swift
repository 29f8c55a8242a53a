// expect: fail correctness
import Foundation
import InterviewKit

// Intent: the table's API is synchronous, so getItem runs the async lookup in a task and
// waits for it with a semaphore; then it calls the completion exactly once with the item,
// NotFound or the error, and returns. There is nothing left to cancel by then.

/// The callback-style table, answered by an async item store.
final class TableFacade: LegacyTable {
    private let store: any ItemStore

    init(store: some ItemStore) {
        self.store = store
    }

    /// Looks `key` up; `completion` gets the item, `NotFound` or the error, exactly once.
    func getItem(_ key: String, completion: @escaping @Sendable (Item?, (any Error)?) -> Void) -> any LegacyRequest {
        let store = self.store
        let done = DispatchSemaphore(value: 0)
        let lookup = Task {
            defer { done.signal() }
            do {
                let item = try await store.item(key)
                completion(item, item == nil ? NotFound(key: key) : nil)
            } catch {
                completion(nil, error)
            }
        }
        // The flaw: this blocks the caller's thread until the lookup ends. If that thread is
        // the one the lookup needs (the main thread, a busy pool), it never ends.
        done.wait()
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
