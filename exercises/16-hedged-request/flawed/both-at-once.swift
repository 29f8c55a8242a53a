// expect: fail concurrency correctness
import Foundation
import InterviewKit

// Intent: send the request to both servers at once and take the first success; cancel the
// other one. If both fail, throw the primary's error.

private enum Answer: Sendable {
    case primary(Result<Data, any Error>)
    case backup(Result<Data, any Error>)
}

func hedgedFetch(
    _ url: URL, primary: some HTTPClient, backup: some HTTPClient,
    hedgeAfter: Duration, clock: some Clock<Duration>
) async throws -> Data {
    try await withThrowingTaskGroup(of: Answer.self) { group in
        // No hedge delay: every request costs the servers twice.
        group.addTask { .primary(await capture { try await primary.get(url) }) }
        group.addTask { .backup(await capture { try await backup.get(url) }) }
        var primaryError: (any Error)?
        var backupFailed = false
        while let answer = try await group.next() {
            switch answer {
            case .primary(.success(let data)), .backup(.success(let data)):
                group.cancelAll()
                return data
            case .primary(.failure(let error)):
                primaryError = error
            case .backup(.failure):
                backupFailed = true
            }
            if let primaryError, backupFailed { throw primaryError }
        }
        throw CancellationError()
    }
}

private func capture<T: Sendable>(_ body: () async throws -> T) async -> Result<T, any Error> {
    do { return .success(try await body()) } catch { return .failure(error) }
}
