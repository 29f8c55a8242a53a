import Foundation
import InterviewKit

// Intent: the async lookup is written once, as an async function returning a Result
// (nil becomes NotFound, a cancelled lookup becomes CancellationError even if the store
// answered). getItem wraps it in one unstructured Task that hands the Result to the
// completion: one place calls back, so it runs exactly once, and only after getItem has
// returned its request. The request's cancel() cancels that task; repeated or late cancels
// have nothing left to stop.

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
            switch await Self.lookUp(key, in: store) {
            case .success(let item): completion(item, nil)
            case .failure(let error): completion(nil, error)
            }
        }
        return TaskRequest(task: lookup)
    }

    /// The lookup in async style, with every outcome as a value.
    private static func lookUp(_ key: String, in store: any ItemStore) async -> Result<Item, any Error> {
        do {
            let item = try await store.item(key)
            try Task.checkCancellation()
            guard let item else { return .failure(NotFound(key: key)) }
            return .success(item)
        } catch {
            return .failure(Task.isCancelled ? CancellationError() : error)
        }
    }
}

/// The caller's handle on the lookup's task.
private struct TaskRequest: LegacyRequest {
    let task: Task<Void, Never>

    func cancel() {
        task.cancel()
    }
}
