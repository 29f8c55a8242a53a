import Foundation
import InterviewKit

// Intent: the answer depends on how the save ends, so I await the save before answering
// instead of starting it in a fire-and-forget Task. A thrown error is caught and becomes
// a server error that carries the error's description; nothing is left running behind
// the response, because the only work the handler starts is awaited to the end.

/// Saves `order`, then answers `.ok`, or `.serverError` with the reason the save failed.
func handle(_ order: Order, store: some OrderStore) async -> Response {
    do {
        // Suspends until the store has really finished: `.ok` means "stored".
        try await store.save(order)
        return .ok
    } catch {
        // Keep the cause: "\(error)" is what the logs and the client's support team will see.
        return .serverError("could not save order \(order.id): \(error)")
    }
}
