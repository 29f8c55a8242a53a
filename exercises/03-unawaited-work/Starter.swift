import Foundation
import InterviewKit

// Intent: (say in a sentence or two why your code has the shape it has)

/// Saves `order` and tells the client how it went.
func handle(_ order: Order, store: some OrderStore) async -> Response {
    // Starts the save in the background and answers straight away.
    Task { try await store.save(order) }
    return .ok
}
