import Foundation
import InterviewKit

// Intent: the save runs as a child task with async let, and I await it before answering, so
// `.ok` is only sent once the order is stored. If the save throws, the catch turns that error into
// a server error that carries its description. A child task cannot outlive this function, so no
// save is left running in the background after the answer: nothing is fire-and-forget.

/// Saves `order`, then answers `.ok`, or `.serverError` with the reason the save failed.
func handle(_ order: Order, store: some OrderStore) async -> Response {
    async let saved: Void = store.save(order)
    do {
        try await saved
        return .ok
    } catch {
        return .serverError("saving order \(order.id) failed: \(error)")
    }
}
