// expect: fail correctness errors
import Foundation
import InterviewKit
import Synchronization

// Intent: start the lookup, then keep the request and the continuation together in a
// locked box so the callback, the cancellation handler and the caller agree on one resume.

final class Pending: Sendable {
    let state = Mutex<(continuation: CheckedContinuation<Item, any Error>?, request: (any LegacyRequest)?, cancelled: Bool)>((nil, nil, false))

    func finish(_ result: Result<Item, any Error>) {
        // An early callback finds no continuation yet and is dropped.
        let continuation = state.withLock { $0.continuation.take() }
        continuation?.resume(with: result)
    }
}

func getItem(_ key: String, from table: some LegacyTable) async throws -> Item {
    let pending = Pending()
    return try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { continuation in
            if pending.state.withLock({ $0.cancelled }) {
                continuation.resume(throwing: CancellationError())
                return
            }
            let request = table.getItem(key) { item, error in
                if let error {
                    pending.finish(.failure(error))
                } else if let item {
                    pending.finish(.success(item))
                } else {
                    pending.finish(.failure(NotFound(key: key)))
                }
            }
            // Stored only after the SDK's getItem has returned: too late for a callback
            // that came during the call.
            pending.state.withLock { state in
                state.continuation = continuation
                state.request = request
            }
        }
    } onCancel: {
        let (continuation, request) = pending.state.withLock { state in
            state.cancelled = true
            return (state.continuation.take(), state.request)
        }
        request?.cancel()
        continuation?.resume(throwing: CancellationError())
    }
}
