// expect: fail cancellation errors
import Foundation
import InterviewKit

// Intent: bridge the callback with a checked continuation. A flag in a small box records
// that it was resumed, so only the first callback resumes it and a second one is ignored;
// (nil, nil) becomes NotFound; a cancellation handler cancels the legacy request and
// resumes with CancellationError unless a callback already did.

final class Resumed: @unchecked Sendable {
    // A plain Bool read and written from any thread: two callbacks at once both see false.
    var done = false
    var request: (any LegacyRequest)?
    var continuation: CheckedContinuation<Item, any Error>?

    func resume(with result: Result<Item, any Error>) {
        guard !done, let continuation else { return }
        done = true
        continuation.resume(with: result)
    }
}

func getItem(_ key: String, from table: some LegacyTable) async throws -> Item {
    let box = Resumed()
    return try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { continuation in
            box.continuation = continuation
            if Task.isCancelled {
                box.resume(with: .failure(CancellationError()))
                return
            }
            box.request = table.getItem(key) { item, error in
                if let error {
                    box.resume(with: .failure(error))
                } else if let item {
                    box.resume(with: .success(item))
                } else {
                    box.resume(with: .failure(NotFound(key: key)))
                }
            }
        }
    } onCancel: {
        box.request?.cancel()
        box.resume(with: .failure(CancellationError()))
    }
}
