// expect: fail correctness concurrency cancellation
import Foundation
import InterviewKit

// Intent: a hedged request races the primary against a backup that starts only if the
// primary is still silent after `hedgeAfter` (or at once if the primary fails first). One task
// group holds the primary, the hedge timer and, when needed, the backup; I handle their events
// in the order they happen. The first success wins and is returned; the group is structured,
// so nothing it started outlives the call. A failure is not an answer while the other request
// can still succeed; if both fail, the primary's error is thrown.

/// What one child of the race reports.
private enum HedgeEvent: Sendable {
    case primary(Result<Data, any Error>)
    case backup(Result<Data, any Error>)
    /// The primary has been silent for `hedgeAfter`.
    case hedgeTime
    /// The timer was cancelled before it fired.
    case timerCancelled
}

/// Fetches `url` from `primary`, hedging with `backup` when the primary is slow or fails.
func hedgedFetch(
    _ url: URL, primary: some HTTPClient, backup: some HTTPClient,
    hedgeAfter: Duration, clock: some Clock<Duration>
) async throws -> Data {
    try await withThrowingTaskGroup(of: HedgeEvent.self) { group in
        group.addTask { .primary(await result { try await primary.get(url) }) }
        group.addTask {
            do {
                try await clock.sleep(for: hedgeAfter)
                return .hedgeTime
            } catch {
                return .timerCancelled
            }
        }

        var backupStarted = false
        var backupFailed = false
        var primaryError: (any Error)?

        while let event = try await group.next() {
            var hedgeNow = false
            switch event {
            case .primary(.success(let data)), .backup(.success(let data)):
                // Returning leaves the group, which first waits for the loser and the timer.
                return data
            case .primary(.failure(let error)):
                primaryError = error
                hedgeNow = true  // nothing left to wait for: do not sit out the timer
            case .backup(.failure):
                backupFailed = true
            case .hedgeTime:
                hedgeNow = primaryError == nil
            case .timerCancelled:
                break
            }
            if hedgeNow && !backupStarted {
                backupStarted = true
                group.addTask { .backup(await result { try await backup.get(url) }) }
            }
            if let primaryError, backupFailed {
                throw primaryError  // both failed: the caller asked for the primary
            }
        }
        // Not reached: a failed primary always starts the backup, which then reports.
        throw primaryError ?? CancellationError()
    }
}

/// The outcome of `body`, success or error, as a value.
private func result<T: Sendable>(_ body: () async throws -> T) async -> Result<T, any Error> {
    do { return .success(try await body()) } catch { return .failure(error) }
}
