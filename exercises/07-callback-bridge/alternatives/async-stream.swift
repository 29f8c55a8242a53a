import Foundation
import InterviewKit

// Intent: instead of a raw continuation I bridge the callback into an AsyncThrowingStream, whose
// continuation is thread-safe and ignores anything sent after it has finished: the first callback
// yields and finishes (or finishes with the error, or NotFound for nil, nil), so a second
// callback, on any thread, is simply ignored and nothing is resumed twice. The stream buffers a
// callback that comes before getItem has returned. Cancellation: the stream ends when the caller is
// cancelled, its onTermination handler cancels the SDK request, and I throw CancellationError at
// once; a caller already cancelled starts no lookup at all.

/// Looks `key` up in the callback-based table, as an async function that honours cancellation.
func getItem(_ key: String, from table: some LegacyTable) async throws -> Item {
    try Task.checkCancellation()
    let (answers, continuation) = AsyncThrowingStream<Item, any Error>.makeStream()
    let request = table.getItem(key) { item, error in
        if let error {
            continuation.finish(throwing: error)
        } else if let item {
            continuation.yield(item)
            continuation.finish()
        } else {
            continuation.finish(throwing: NotFound(key: key))
        }
    }
    continuation.onTermination = { reason in
        if case .cancelled = reason { request.cancel() }
    }
    // Cancelled while the handler was being installed: it may have missed the termination.
    if Task.isCancelled { request.cancel() }
    for try await item in answers {
        return item
    }
    // The stream ended without an answer: only cancellation does that.
    throw CancellationError()
}
