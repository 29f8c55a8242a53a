// expect: fail errors
import Foundation
import InterviewKit

// Intent: one task group races the primary, a hedge timer and (once needed) the backup. A
// primary failure starts the backup at once; the timer starts it after hedgeAfter. The first
// success wins and cancelAll() stops the rest; if both fail, the primary's error is thrown.

private enum HedgeEvent: Sendable {
    case primary(Result<Data, any Error>)
    case backup(Result<Data, any Error>)
    case hedgeTime
    case timerCancelled
}

func hedgedFetch(
    _ url: URL, primary: some HTTPClient, backup: some HTTPClient,
    hedgeAfter: Duration, clock: some Clock<Duration>
) async throws -> Data {
    try await withThrowingTaskGroup(of: HedgeEvent.self) { group in
        group.addTask { .primary(await result { try await primary.get(url) }) }
        group.addTask {
            do { try await clock.sleep(for: hedgeAfter); return .hedgeTime } catch { return .timerCancelled }
        }
        var primaryError: (any Error)?
        var backupsRunning = 0
        var backupStarted = false
        while let event = try await group.next() {
            switch event {
            case .primary(.success(let data)), .backup(.success(let data)):
                group.cancelAll()
                return data
            case .primary(.failure(let error)):
                primaryError = error
                if !backupStarted {
                    backupStarted = true
                    backupsRunning += 1
                    group.addTask { .backup(await result { try await backup.get(url) }) }
                }
            case .hedgeTime:
                // The primary has been silent for hedgeAfter: send the backup.
                backupStarted = true
                backupsRunning += 1
                group.addTask { .backup(await result { try await backup.get(url) }) }
            case .backup(.failure):
                backupsRunning -= 1
            case .timerCancelled:
                break
            }
            if let primaryError, backupsRunning == 0 {
                group.cancelAll()
                throw primaryError
            }
        }
        throw primaryError ?? CancellationError()
    }
}

private func result<T: Sendable>(_ body: () async throws -> T) async -> Result<T, any Error> {
    do { return .success(try await body()) } catch { return .failure(error) }
}
