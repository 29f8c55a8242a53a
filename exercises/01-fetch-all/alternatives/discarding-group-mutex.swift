import Foundation
import InterviewKit
import Synchronization

// Intent: all requests run concurrently as children of a throwing discarding task group; the
// children return nothing, each one writes its body into its own slot of an array guarded by a
// Mutex, so the bodies come back in input order. A discarding group throws the first child error
// as soon as it happens and cancels every sibling, and it cannot end while a child is alive,
// so nothing outlives the call.

/// Fetches every URL concurrently and returns the bodies in the order of `urls`.
func fetchAll(_ urls: [URL], client: some HTTPClient) async throws -> [Data] {
    let slots = Slots(count: urls.count)
    try await withThrowingDiscardingTaskGroup { group in
        for (index, url) in urls.enumerated() {
            group.addTask {
                slots.store(try await client.get(url), at: index)
            }
        }
    }
    return slots.bodies()
}

/// One slot per URL, written by the children from any thread.
private final class Slots: Sendable {
    private let storage: Mutex<[Data?]>

    init(count: Int) {
        storage = Mutex([Data?](repeating: nil, count: count))
    }

    func store(_ body: Data, at index: Int) {
        storage.withLock { $0[index] = body }
    }

    /// Every body, in input order; only called once every slot is filled.
    func bodies() -> [Data] {
        storage.withLock { $0.map { $0! } }
    }
}
