import Foundation
import InterviewKit

// Intent: (say in a sentence or two why your code has the shape it has)

/// The callback-style table, answered by an async item store.
final class TableFacade: LegacyTable {
    private let store: any ItemStore

    init(store: some ItemStore) {
        self.store = store
    }

    /// Starts looking `key` up; `completion` gets the item, `NotFound` or the error.
    func getItem(_ key: String, completion: @escaping @Sendable (Item?, (any Error)?) -> Void) -> any LegacyRequest {
        let store = self.store
        Task {
            do {
                let item = try await store.item(key)
                completion(item, item == nil ? NotFound(key: key) : nil)
            } catch {
                completion(nil, error)
            }
        }
        return IgnoredRequest()
    }
}

/// A request that cannot be cancelled yet.
private struct IgnoredRequest: LegacyRequest {
    func cancel() {}
}
