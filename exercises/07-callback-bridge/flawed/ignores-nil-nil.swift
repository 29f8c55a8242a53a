// expect: fail errors
import Foundation
import InterviewKit
import Synchronization

// Intent: bridge the callback with a checked continuation that only the first callback may
// take; a cancellation handler cancels the legacy request and resumes with CancellationError.

final class Lookup: Sendable {
    let state = Mutex<(continuation: CheckedContinuation<Item, any Error>?, request: (any LegacyRequest)?, cancelled: Bool)>((nil, nil, false))

    func finish(_ result: Result<Item, any Error>) {
        let continuation = state.withLock { $0.continuation.take() }
        continuation?.resume(with: result)
    }
}

func getItem(_ key: String, from table: some LegacyTable) async throws -> Item {
    let lookup = Lookup()
    return try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { continuation in
            let cancelled = lookup.state.withLock { state in
                if !state.cancelled { state.continuation = continuation }
                return state.cancelled
            }
            if cancelled {
                continuation.resume(throwing: CancellationError())
                return
            }
            let request = table.getItem(key) { item, error in
                if let item {
                    lookup.finish(.success(item))
                } else if let error {
                    lookup.finish(.failure(error))
                }
                // (nil, nil) falls through: the continuation is never resumed.
            }
            lookup.state.withLock { $0.request = request }
        }
    } onCancel: {
        let (continuation, request) = lookup.state.withLock { state in
            state.cancelled = true
            return (state.continuation.take(), state.request)
        }
        request?.cancel()
        continuation?.resume(throwing: CancellationError())
    }
}
