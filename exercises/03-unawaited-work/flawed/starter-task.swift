// expect: fail correctness errors resources
import Foundation
import InterviewKit

// Intent: answer the client at once and let the save finish in the background.

func handle(_ order: Order, store: some OrderStore) async -> Response {
    Task { try await store.save(order) }
    return .ok
}
