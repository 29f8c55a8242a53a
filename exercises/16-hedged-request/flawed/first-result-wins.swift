// expect: fail errors
import Foundation
import InterviewKit

// Intent: race the primary against a hedge timer; when the timer fires first, add the backup.
// Whichever request finishes first decides the answer, and the rest are cancelled.

private enum Event: Sendable {
    case answer(Data)
    case hedgeTime
}

func hedgedFetch(
    _ url: URL, primary: some HTTPClient, backup: some HTTPClient,
    hedgeAfter: Duration, clock: some Clock<Duration>
) async throws -> Data {
    try await withThrowingTaskGroup(of: Event.self) { group in
        group.addTask { .answer(try await primary.get(url)) }
        group.addTask {
            try await clock.sleep(for: hedgeAfter)
            return .hedgeTime
        }
        // `next()` rethrows the first child error: a failure ends the race as if it were an answer.
        while let event = try await group.next() {
            switch event {
            case .answer(let data):
                group.cancelAll()
                return data
            case .hedgeTime:
                group.addTask { .answer(try await backup.get(url)) }
            }
        }
        throw CancellationError()
    }
}
