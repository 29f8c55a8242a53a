import Foundation
import InterviewKit

// Intent: I await the save to its end before replying and capture how it ended as a Result, then
// switch on it: success answers `.ok`, a failure answers a server error with the error's own
// description in it. The handler starts no unstructured or background work, so nothing is left
// running once the response goes out.

/// Saves `order`, then answers `.ok`, or `.serverError` with the reason the save failed.
func handle(_ order: Order, store: some OrderStore) async -> Response {
    let outcome: Result<Void, any Error>
    do {
        try await store.save(order)
        outcome = .success(())
    } catch {
        outcome = .failure(error)
    }
    switch outcome {
    case .success:
        return .ok
    case .failure(let error):
        return .serverError("order \(order.id) was not saved: \(error)")
    }
}
