import Foundation
import InterviewKit
import Synchronization

// Intent: the SDK answers through a completion handler, so I bridge it with a checked
// continuation. The callback can come on any thread, before the SDK's getItem has
// returned, or (a known bug) twice, so the continuation lives in a small lock-guarded box
// and whoever takes it first resumes it exactly once: the first callback wins and any
// later one is ignored. (nil, nil) becomes NotFound. A cancellation handler passes Swift
// cancellation on to the legacy request with cancel() and resumes with CancellationError,
// because a cancelled request of this SDK never calls back.

/// Looks `key` up in the callback-based table, as an async function that honours cancellation.
func getItem(_ key: String, from table: some LegacyTable) async throws -> Item {
    let lookup = Lookup()
    return try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { continuation in
            // Already cancelled (onCancel ran first): the box resumed it; start nothing.
            guard lookup.start(continuation) else { return }
            // The box is ready before the lookup starts, so an immediate callback finds it.
            // No lock is held here: the callback may take the lock on this very thread.
            let request = table.getItem(key) { item, error in
                if let error {
                    lookup.finish(.failure(error))
                } else if let item {
                    lookup.finish(.success(item))
                } else {
                    lookup.finish(.failure(NotFound(key: key)))
                }
            }
            lookup.attach(request)
        }
    } onCancel: {
        lookup.cancel()
    }
}

/// What one lookup shares between the caller, the SDK's callback (on any thread) and the
/// cancellation handler. Every path takes the continuation out under the lock, so it is
/// resumed once, and resumes it after the lock is released.
private final class Lookup: Sendable {
    private struct State {
        var continuation: CheckedContinuation<Item, any Error>?
        var request: (any LegacyRequest)?
        var cancelled = false
    }

    private let state = Mutex(State())

    /// Keeps the continuation; if the caller is already cancelled, resumes it with
    /// `CancellationError` instead and returns false.
    func start(_ continuation: CheckedContinuation<Item, any Error>) -> Bool {
        let cancelled = state.withLock { state in
            if !state.cancelled { state.continuation = continuation }
            return state.cancelled
        }
        if cancelled { continuation.resume(throwing: CancellationError()) }
        return !cancelled
    }

    /// Remembers the SDK's request so cancellation can reach it; cancels it if cancellation
    /// arrived while the lookup was being started.
    func attach(_ request: any LegacyRequest) {
        let cancelled = state.withLock { state in
            if !state.cancelled { state.request = request }
            return state.cancelled
        }
        if cancelled { request.cancel() }
    }

    /// The SDK called back: the first call resumes the caller, later calls find nothing.
    func finish(_ result: Result<Item, any Error>) {
        let continuation = state.withLock { $0.continuation.take() }
        continuation?.resume(with: result)
    }

    /// The caller was cancelled: stop the SDK's request and resume with `CancellationError`.
    func cancel() {
        let (continuation, request) = state.withLock { state in
            state.cancelled = true
            return (state.continuation.take(), state.request.take())
        }
        request?.cancel()
        continuation?.resume(throwing: CancellationError())
    }
}
