// expect: fail cancellation resources
import Foundation
import InterviewKit
import Synchronization

// Intent: getItem starts a task for the async lookup and returns a request holding it. Two
// paths may call back, the task when the store answers and cancel() at once with
// CancellationError, so a Mutex once-flag lets only the first through: the completion runs
// exactly once. cancel() also cancels the task so the store stops.

/// The callback-style table, answered by an async item store.
final class TableFacade: LegacyTable {
    private let store: any ItemStore

    init(store: some ItemStore) {
        self.store = store
    }

    /// Starts looking `key` up; `completion` gets the item, `NotFound` or the error, exactly once.
    func getItem(_ key: String, completion: @escaping @Sendable (Item?, (any Error)?) -> Void) -> any LegacyRequest {
        let store = self.store
        let request = OnceRequest(completion: completion)
        request.start(Task {
            do {
                let item = try await store.item(key)
                request.finish(item, item == nil ? NotFound(key: key) : nil)
            } catch {
                request.finish(nil, error)
            }
        })
        return request
    }
}

/// Holds the completion until the first path takes it.
private final class OnceRequest: LegacyRequest, Sendable {
    private struct State {
        var completion: (@Sendable (Item?, (any Error)?) -> Void)?
        var lookup: Task<Void, Never>?
        var cancelled = false
    }

    private let state: Mutex<State>

    init(completion: @escaping @Sendable (Item?, (any Error)?) -> Void) {
        state = Mutex(State(completion: completion))
    }

    func start(_ lookup: Task<Void, Never>) {
        let cancelled = state.withLock { state in
            state.lookup = lookup
            return state.cancelled
        }
        if cancelled { lookup.cancel() }
    }

    func finish(_ item: Item?, _ error: (any Error)?) {
        let completion = state.withLock { $0.completion.take() }
        completion?(item, error)
    }

    func cancel() {
        let (completion, lookup) = state.withLock { state in
            state.cancelled = true
            return (state.completion.take(), state.lookup)
        }
        lookup?.cancel()
        // The flaw: the caller hears "cancelled" before the lookup has stopped. A store that
        // ignores cancellation is still working after the completion, with nobody waiting.
        completion?(nil, CancellationError())
    }
}
