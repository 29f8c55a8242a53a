// expect: fail cancellation
import Foundation
import InterviewKit
import Synchronization

// Intent: getItem starts a task for the async lookup and returns a request at once; the
// task calls the completion exactly once when the store answers (nil becomes NotFound).
// cancel() marks the request cancelled, and a cancelled request reports CancellationError
// instead of starting the lookup.

/// The callback-style table, answered by an async item store.
final class TableFacade: LegacyTable {
    private let store: any ItemStore

    init(store: some ItemStore) {
        self.store = store
    }

    /// Starts looking `key` up; `completion` gets the item, `NotFound` or the error, exactly once.
    func getItem(_ key: String, completion: @escaping @Sendable (Item?, (any Error)?) -> Void) -> any LegacyRequest {
        let store = self.store
        let request = FlagRequest()
        Task {
            // The flaw: the flag is read only before the lookup starts. Once the store is
            // working, cancel() changes nothing: the lookup runs on and delivers its item.
            if request.isCancelled {
                completion(nil, CancellationError())
                return
            }
            do {
                let item = try await store.item(key)
                completion(item, item == nil ? NotFound(key: key) : nil)
            } catch {
                completion(nil, error)
            }
        }
        return request
    }
}

/// A request that remembers it was cancelled.
private final class FlagRequest: LegacyRequest, Sendable {
    private let cancelled = Mutex(false)

    var isCancelled: Bool { cancelled.withLock { $0 } }

    func cancel() {
        cancelled.withLock { $0 = true }
    }
}
