import Foundation
import InterviewKit
import Synchronization

// Intent: I bridge the completion handler with a checked continuation and make "resume exactly
// once" a state machine behind a Mutex: idle, waiting (holding the continuation and the request),
// cancelled, or done. The callback, a second callback from another thread and the cancellation
// handler all go through one locked transition, and only the transition that leaves `waiting` gets
// the continuation, so the first callback wins and a later one finds `done`. (nil, nil) becomes
// NotFound. On cancellation the request is cancelled and the caller resumes with
// CancellationError at once; a caller cancelled before we start never starts a lookup.

/// Looks `key` up in the callback-based table, as an async function that honours cancellation.
func getItem(_ key: String, from table: some LegacyTable) async throws -> Item {
    let bridge = Bridge()
    return try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { continuation in
            guard bridge.begin(continuation) else { return }
            let request = table.getItem(key) { item, error in
                switch (item, error) {
                case (_, let error?): bridge.complete(.failure(error))
                case (let item?, nil): bridge.complete(.success(item))
                case (nil, nil): bridge.complete(.failure(NotFound(key: key)))
                }
            }
            bridge.track(request)
        }
    } onCancel: {
        bridge.cancel()
    }
}

/// One lookup's life, shared by the caller, the SDK's threads and the cancellation handler.
private final class Bridge: Sendable {
    private enum State {
        case idle
        case waiting(CheckedContinuation<Item, any Error>, (any LegacyRequest)?)
        case cancelled
        case done
    }

    private let state = Mutex(State.idle)

    /// Starts waiting; false (after resuming with CancellationError) if cancellation came first.
    func begin(_ continuation: CheckedContinuation<Item, any Error>) -> Bool {
        let cancelled = state.withLock { state -> Bool in
            guard case .idle = state else { return true }
            state = .waiting(continuation, nil)
            return false
        }
        if cancelled { continuation.resume(throwing: CancellationError()) }
        return !cancelled
    }

    /// Remembers the request so cancellation can reach it; cancels it if cancellation already came.
    func track(_ request: any LegacyRequest) {
        let cancelNow = state.withLock { state -> Bool in
            switch state {
            case .waiting(let continuation, nil):
                state = .waiting(continuation, request)
                return false
            case .cancelled:
                return true
            default:
                return false
            }
        }
        if cancelNow { request.cancel() }
    }

    /// The SDK answered: only the first answer finds the continuation.
    func complete(_ result: Result<Item, any Error>) {
        let continuation = state.withLock { state -> CheckedContinuation<Item, any Error>? in
            guard case .waiting(let continuation, _) = state else { return nil }
            state = .done
            return continuation
        }
        continuation?.resume(with: result)
    }

    /// The caller was cancelled: cancel the request and resume with CancellationError.
    func cancel() {
        let (continuation, request) = state.withLock { state -> (CheckedContinuation<Item, any Error>?, (any LegacyRequest)?) in
            switch state {
            case .idle:
                state = .cancelled
                return (nil, nil)
            case .waiting(let continuation, let request):
                state = .cancelled
                return (continuation, request)
            case .cancelled, .done:
                return (nil, nil)
            }
        }
        request?.cancel()
        continuation?.resume(throwing: CancellationError())
    }
}
