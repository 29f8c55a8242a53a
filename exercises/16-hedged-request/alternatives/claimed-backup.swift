import Foundation
import InterviewKit
import Synchronization

// Intent: one task group races the primary against a backup that is sent at most once. A delayed
// backup child sleeps `hedgeAfter` on the clock and then sends; if the primary fails first, I add
// an immediate backup child instead. Both backup children must first claim a single atomic flag
// (compare-and-exchange), so whichever comes first sends the backup and the other does nothing:
// never two backups. The first success wins and cancelAll cancels the loser and a sleeping timer.
// A failure is not an answer while the other request can still succeed; if both fail, the
// primary's error is thrown.

/// What a child of the race reports.
private enum Report: Sendable {
    case primary(Result<Data, any Error>)
    case backup(Result<Data, any Error>)
    /// A backup child found the backup already sent.
    case skipped
}

/// Fetches `url` from `primary`, hedging with `backup` when the primary is slow or fails.
func hedgedFetch(
    _ url: URL, primary: some HTTPClient, backup: some HTTPClient,
    hedgeAfter: Duration, clock: some Clock<Duration>
) async throws -> Data {
    let backupSent = BackupFlag()
    let sendBackup: @Sendable () async -> Report = {
        guard backupSent.claim() else { return .skipped }
        do {
            return .backup(.success(try await backup.get(url)))
        } catch {
            return .backup(.failure(error))
        }
    }
    return try await withThrowingTaskGroup(of: Report.self) { group in
        group.addTask {
            do {
                return .primary(.success(try await primary.get(url)))
            } catch {
                return .primary(.failure(error))
            }
        }
        group.addTask {
            try await clock.sleep(for: hedgeAfter)
            return await sendBackup()
        }
        var primaryError: (any Error)?
        var backupFailed = false
        while let report = try await group.next() {
            switch report {
            case .primary(.success(let data)), .backup(.success(let data)):
                group.cancelAll()
                return data
            case .primary(.failure(let error)):
                primaryError = error
                group.addTask { await sendBackup() }
            case .backup(.failure):
                backupFailed = true
            case .skipped:
                continue
            }
            if backupFailed, let primaryError {
                group.cancelAll()
                throw primaryError
            }
        }
        throw primaryError ?? CancellationError()
    }
}

/// Set once, by whoever sends the backup first.
private final class BackupFlag: Sendable {
    private let sent = Atomic<Bool>(false)

    /// True for the first caller only.
    func claim() -> Bool {
        sent.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
    }
}
