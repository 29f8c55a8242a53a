// expect: fail cancellation
import Foundation
import InterviewKit

// Intent: like Promise.race: start the primary and a hedge timer as tasks that report into a
// stream, start the backup when the timer fires (or the primary fails), and return the first
// success that comes out of the stream.

private enum Event: Sendable {
    case primary(Result<Data, any Error>)
    case backup(Result<Data, any Error>)
    case hedgeTime
}

func hedgedFetch(
    _ url: URL, primary: some HTTPClient, backup: some HTTPClient,
    hedgeAfter: Duration, clock: some Clock<Duration>
) async throws -> Data {
    let (events, reporter) = AsyncStream.makeStream(of: Event.self)
    // Nobody keeps these handles: returning from the loop below leaves them running.
    Task { reporter.yield(.primary(await capture { try await primary.get(url) })) }
    Task {
        try? await clock.sleep(for: hedgeAfter)
        reporter.yield(.hedgeTime)
    }
    var backupStarted = false
    var backupFailed = false
    var primaryError: (any Error)?
    for await event in events {
        var hedgeNow = false
        switch event {
        case .primary(.success(let data)), .backup(.success(let data)):
            return data
        case .primary(.failure(let error)):
            primaryError = error
            hedgeNow = true
        case .backup(.failure):
            backupFailed = true
        case .hedgeTime:
            hedgeNow = primaryError == nil
        }
        if hedgeNow && !backupStarted {
            backupStarted = true
            Task { reporter.yield(.backup(await capture { try await backup.get(url) })) }
        }
        if let primaryError, backupFailed { throw primaryError }
    }
    throw CancellationError()
}

private func capture<T: Sendable>(_ body: () async throws -> T) async -> Result<T, any Error> {
    do { return .success(try await body()) } catch { return .failure(error) }
}
