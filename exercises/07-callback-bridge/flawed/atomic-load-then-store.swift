// expect: fail cancellation errors
import Foundation
import InterviewKit
import Synchronization

// Intent: bridge the callback with a checked continuation; an atomic flag says whether it
// was resumed, so the first callback resumes it exactly once and any later one is ignored.
// (nil, nil) becomes NotFound. A cancellation handler cancels the legacy request and
// resumes with CancellationError unless a callback got there first.

final class Bridge: Sendable {
    let resumed = Atomic<Bool>(false)
    let state = Mutex<(continuation: CheckedContinuation<Item, any Error>?, request: (any LegacyRequest)?, cancelled: Bool)>((nil, nil, false))

    func resume(with result: Result<Item, any Error>) {
        // Read, then set: two steps, so two threads can both read false before either sets it.
        guard !resumed.load(ordering: .acquiring) else { return }
        resumed.store(true, ordering: .releasing)
        let continuation = state.withLock { $0.continuation }
        continuation?.resume(with: result)
    }
}

func getItem(_ key: String, from table: some LegacyTable) async throws -> Item {
    let bridge = Bridge()
    return try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { continuation in
            let cancelled = bridge.state.withLock { state in
                if !state.cancelled { state.continuation = continuation }
                return state.cancelled
            }
            if cancelled {
                continuation.resume(throwing: CancellationError())
                return
            }
            let request = table.getItem(key) { item, error in
                if let error {
                    bridge.resume(with: .failure(error))
                } else if let item {
                    bridge.resume(with: .success(item))
                } else {
                    bridge.resume(with: .failure(NotFound(key: key)))
                }
            }
            let cancelledMeanwhile = bridge.state.withLock { state in
                state.request = request
                return state.cancelled
            }
            if cancelledMeanwhile { request.cancel() }
        }
    } onCancel: {
        let request = bridge.state.withLock { state in
            state.cancelled = true
            return state.request
        }
        request?.cancel()
        bridge.resume(with: .failure(CancellationError()))
    }
}
