import Foundation
import InterviewKit

// Intent: Every item gets a child task in a throwing task group, but a child must first take one
// of `limit` permits from an async semaphore actor; waiting for a permit suspends the task and
// never blocks a thread. When a transform finishes it hands its permit straight to the next
// waiting child, so while items are waiting exactly min(limit, items.count) transforms run and
// never more. Results are written by index, so they keep the order of `items`. The first error
// is rethrown by the group at once, which cancels the rest; a child that gets a permit after
// cancellation gives it back without starting its transform, so no new work starts.

private actor Permits {
    private var free: Int
    private var waiters: [CheckedContinuation<Void, Never>] = []
    init(_ count: Int) { free = count }

    func acquire() async {
        if free > 0 { free -= 1; return }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        if waiters.isEmpty { free += 1 } else { waiters.removeFirst().resume() }
    }
}

/// Applies `transform` to every item with at most `limit` calls running at once,
/// and returns the results in the order of `items`.
func mapConcurrently<T: Sendable, R: Sendable>(
    _ items: [T], limit: Int,
    transform: @escaping @Sendable (T) async throws -> R
) async throws -> [R] {
    let permits = Permits(limit)
    return try await withThrowingTaskGroup(of: (Int, R).self) { group in
        for (index, item) in items.enumerated() {
            group.addTask {
                await permits.acquire()
                do {
                    try Task.checkCancellation()
                    let result = try await transform(item)
                    await permits.release()
                    return (index, result)
                } catch {
                    await permits.release()
                    throw error
                }
            }
        }
        var results = [R?](repeating: nil, count: items.count)
        for try await (index, result) in group { results[index] = result }
        return results.map { $0! }
    }
}
