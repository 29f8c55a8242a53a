import Foundation
import InterviewKit
import Synchronization

// Intent: A worker pool: I start min(limit, items.count) workers in a throwing task group and
// each worker repeatedly claims the next unclaimed index from a shared Mutex-protected counter,
// transforms that item and stores the result at its index. So at most `limit` transforms run at
// once, and the moment one finishes its worker starts the next item, keeping every slot busy
// with no batches. Nothing blocks a thread; workers only await. If a transform throws, the
// group rethrows that error at once and cancels the other workers, and a worker checks for
// cancellation before claiming another item, so no new transform starts.

private final class Shared<R: Sendable>: Sendable {
    let next = Mutex(0)
    let results: Mutex<[R?]>
    init(count: Int) { results = Mutex(Array(repeating: nil, count: count)) }

    func claim(below count: Int) -> Int? {
        next.withLock { n in
            guard n < count else { return nil }
            defer { n += 1 }
            return n
        }
    }
}

/// Applies `transform` to every item with at most `limit` calls running at once,
/// and returns the results in the order of `items`.
func mapConcurrently<T: Sendable, R: Sendable>(
    _ items: [T], limit: Int,
    transform: @escaping @Sendable (T) async throws -> R
) async throws -> [R] {
    let shared = Shared<R>(count: items.count)
    try await withThrowingTaskGroup(of: Void.self) { group in
        for _ in 0..<min(limit, items.count) {
            group.addTask {
                while !Task.isCancelled, let index = shared.claim(below: items.count) {
                    let result = try await transform(items[index])
                    shared.results.withLock { $0[index] = result }
                }
            }
        }
        while try await group.next() != nil {}
    }
    return shared.results.withLock { $0.map { $0! } }
}
