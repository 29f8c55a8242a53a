// expect: fail errors
import Foundation
import InterviewKit

// Intent: await the save; if it fails, answer with a server error.

func handle(_ order: Order, store: some OrderStore) async -> Response {
    do {
        try await store.save(order)
        return .ok
    } catch {
        // The cause is thrown away: nobody can tell a full disk from a bad order.
        return .serverError("something went wrong")
    }
}
