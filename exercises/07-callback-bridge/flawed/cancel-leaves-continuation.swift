// expect: fail cancellation
import Foundation
import InterviewKit
import Synchronization

// Intent: bridge the callback with a checked continuation kept in a locked box; each
// callback takes it out under the lock, so the first callback wins and a second finds
// nothing. (nil, nil) becomes NotFound. On cancellation I cancel the legacy request and
// resume with CancellationError: a cancelled request of this SDK never calls back.

final class Slot: Sendable {
    let state = Mutex<(continuation: CheckedContinuation<Item, any Error>?, request: (any LegacyRequest)?, cancelled: Bool)>((nil, nil, false))

    func finish(_ result: Result<Item, any Error>) {
        let continuation = state.withLock { $0.continuation.take() }
        continuation?.resume(with: result)
    }
}

func getItem(_ key: String, from table: some LegacyTable) async throws -> Item {
    let slot = Slot()
    return try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { continuation in
            let cancelled = slot.state.withLock { state in
                if !state.cancelled { state.continuation = continuation }
                return state.cancelled
            }
            if cancelled {
                continuation.resume(throwing: CancellationError())
                return
            }
            let request = table.getItem(key) { item, error in
                if let error {
                    slot.finish(.failure(error))
                } else if let item {
                    slot.finish(.success(item))
                } else {
                    slot.finish(.failure(NotFound(key: key)))
                }
            }
            let cancelledMeanwhile = slot.state.withLock { state in
                state.request = request
                return state.cancelled
            }
            if cancelledMeanwhile { request.cancel() }
        }
    } onCancel: {
        // Reads the continuation but leaves it in the slot, trusting that a cancelled request
        // never calls back. A callback already on its way still finds it and resumes again.
        let (continuation, request) = slot.state.withLock { state in
            state.cancelled = true
            return (state.continuation, state.request)
        }
        request?.cancel()
        continuation?.resume(throwing: CancellationError())
    }
}
