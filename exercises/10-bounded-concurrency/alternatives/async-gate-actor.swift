import Foundation
import InterviewKit

// Intent: an async gate with `limit` slots (an actor that parks waiters on continuations, first
// come first served, instead of blocking a thread like a semaphore would). Every item gets a
// child task in one throwing group, but a child must take a slot before it transforms, and hands
// the slot straight to the next waiting child the moment it finishes, so at most `limit` run and
// exactly that many stay busy while work remains. Results go back by index, in input order. On
// the first error the group cancels everyone: children still waiting for a slot see the
// cancellation when they get one and start nothing.

/// Applies `transform` to every item with at most `limit` calls running at once,
/// and returns the results in the order of `items`.
func mapConcurrently<T: Sendable, R: Sendable>(
    _ items: [T], limit: Int,
    transform: @escaping @Sendable (T) async throws -> R
) async throws -> [R] {
    let gate = Gate(slots: limit)
    return try await withThrowingTaskGroup(of: (Int, R).self) { group in
        for (index, item) in items.enumerated() {
            group.addTask {
                await gate.enter()
                do {
                    try Task.checkCancellation()
                    let result = try await transform(item)
                    await gate.leave()
                    return (index, result)
                } catch {
                    await gate.leave()
                    throw error
                }
            }
        }
        var results = [R?](repeating: nil, count: items.count)
        for try await (index, result) in group {
            results[index] = result
        }
        return results.map { $0! }
    }
}

/// A counting gate whose waiters suspend instead of blocking, served in arrival order.
private actor Gate {
    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(slots: Int) { free = slots }

    func enter() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Hands the slot to the first waiter, or frees it.
    func leave() {
        if waiting.isEmpty {
            free += 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
