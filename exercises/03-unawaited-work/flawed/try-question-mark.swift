// expect: fail errors
import Foundation
import InterviewKit

// Intent: wait for the save before answering so the order is stored when we say ok.

func handle(_ order: Order, store: some OrderStore) async -> Response {
    // Waits, but `try?` turns a failed save into nothing at all.
    try? await store.save(order)
    return .ok
}
