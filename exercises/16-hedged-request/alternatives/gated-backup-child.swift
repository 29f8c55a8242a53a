import Foundation
import InterviewKit

// Intent: a hedge as two child tasks that race in one group. The primary starts at once; the
// backup child first waits for whichever comes first, the hedge timer on the clock or a signal
// that the primary has failed, and only then sends its request, so it is sent exactly at
// `hedgeAfter`, or at once after an early failure, and never when the primary wins first. The
// first success wins and cancelAll cancels the loser (and a timer still waiting). A failure is
// not an answer while the other can still succeed; if both fail, the primary's error is thrown.

/// Which request answered, and how.
private enum Answer: Sendable {
    case primary(Result<Data, any Error>)
    case backup(Result<Data, any Error>)
}

/// Fetches `url` from `primary`, hedging with `backup` when the primary is slow or fails.
func hedgedFetch(
    _ url: URL, primary: some HTTPClient, backup: some HTTPClient,
    hedgeAfter: Duration, clock: some Clock<Duration>
) async throws -> Data {
    let (primaryFailed, reportFailure) = AsyncStream<Void>.makeStream()
    return try await withThrowingTaskGroup(of: Answer.self) { group in
        group.addTask {
            let result = await capture { try await primary.get(url) }
            if case .failure = result { reportFailure.finish() }
            return .primary(result)
        }
        group.addTask {
            // Hedge when the timer fires or the primary fails, whichever is first.
            await withTaskGroup(of: Void.self) { gate in
                gate.addTask { try? await clock.sleep(for: hedgeAfter) }
                gate.addTask { for await _ in primaryFailed {} }
                await gate.next()
                gate.cancelAll()
            }
            try Task.checkCancellation()
            return .backup(await capture { try await backup.get(url) })
        }
        var primaryError: (any Error)?
        var failures = 0
        for try await answer in group {
            switch answer {
            case .primary(.success(let data)), .backup(.success(let data)):
                group.cancelAll()
                return data
            case .primary(.failure(let error)):
                primaryError = error
                failures += 1
            case .backup(.failure):
                failures += 1
            }
            if failures == 2, let primaryError { throw primaryError }
        }
        throw primaryError ?? CancellationError()
    }
}

/// The outcome of `body` as a value.
private func capture<T: Sendable>(_ body: () async throws -> T) async -> Result<T, any Error> {
    do {
        return .success(try await body())
    } catch {
        return .failure(error)
    }
}
