// expect: fail cancellation errors
import Foundation
import InterviewKit
import Synchronization

// Intent: bridge the callback with a checked continuation kept in a locked box; a
// cancellation handler cancels the legacy request and resumes with CancellationError.

final class Box: Sendable {
    let state = Mutex<(continuation: CheckedContinuation<Item, any Error>?, request: (any LegacyRequest)?, cancelled: Bool)>((nil, nil, false))

    func resume(with result: Result<Item, any Error>) {
        // Reads the continuation but leaves it in the box: a second callback resumes it again.
        let continuation = state.withLock { $0.continuation }
        continuation?.resume(with: result)
    }
}

func getItem(_ key: String, from table: some LegacyTable) async throws -> Item {
    let box = Box()
    return try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { continuation in
            let cancelled = box.state.withLock { state in
                state.continuation = continuation
                return state.cancelled
            }
            if cancelled {
                box.resume(with: .failure(CancellationError()))
                return
            }
            let request = table.getItem(key) { item, error in
                if let error {
                    box.resume(with: .failure(error))
                } else if let item {
                    box.resume(with: .success(item))
                } else {
                    box.resume(with: .failure(NotFound(key: key)))
                }
            }
            box.state.withLock { $0.request = request }
        }
    } onCancel: {
        let request = box.state.withLock { state in
            state.cancelled = true
            return state.request
        }
        request?.cancel()
        box.resume(with: .failure(CancellationError()))
    }
}
