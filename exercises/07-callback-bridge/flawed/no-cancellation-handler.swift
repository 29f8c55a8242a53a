// expect: fail cancellation
import Foundation
import InterviewKit
import Synchronization

// Intent: bridge the callback with a checked continuation; a lock makes sure only the
// first callback resumes it, and (nil, nil) becomes NotFound.

final class Once: Sendable {
    let continuation: Mutex<CheckedContinuation<Item, any Error>?>

    init(_ continuation: CheckedContinuation<Item, any Error>) {
        self.continuation = Mutex(continuation)
    }

    func resume(with result: Result<Item, any Error>) {
        continuation.withLock { $0.take() }?.resume(with: result)
    }
}

func getItem(_ key: String, from table: some LegacyTable) async throws -> Item {
    // No cancellation handler: a cancelled caller keeps waiting for the SDK.
    try await withCheckedThrowingContinuation { continuation in
        let once = Once(continuation)
        _ = table.getItem(key) { item, error in
            if let error {
                once.resume(with: .failure(error))
            } else if let item {
                once.resume(with: .success(item))
            } else {
                once.resume(with: .failure(NotFound(key: key)))
            }
        }
    }
}
