// expect: fail cancellation resources
import Foundation
import InterviewKit
import Synchronization

// Intent: every request at once in a task group; each URL races its request against a timer,
// Promise.race style, and the first to finish becomes that URL's result.

/// Resumes a continuation once; later calls are ignored.
final class FirstWins: Sendable {
    private let continuation: Mutex<CheckedContinuation<Data, any Error>?>

    init(_ continuation: CheckedContinuation<Data, any Error>) {
        self.continuation = Mutex(continuation)
    }

    func finish(_ result: Result<Data, any Error>) {
        let pending = continuation.withLock { stored in
            defer { stored = nil }
            return stored
        }
        pending?.resume(with: result)
    }
}

func fetchAllResilient(_ urls: [URL], client: some HTTPClient, timeout: Duration, clock: some Clock<Duration>) async -> [Result<Data, any Error>] {
    await withTaskGroup(of: (Int, Result<Data, any Error>).self) { group in
        for (index, url) in urls.enumerated() {
            group.addTask {
                do {
                    let body: Data = try await withCheckedThrowingContinuation { continuation in
                        let race = FirstWins(continuation)
                        // Two unstructured tasks: the loser is never cancelled and runs on.
                        Task {
                            do {
                                race.finish(.success(try await client.get(url)))
                            } catch {
                                race.finish(.failure(error))
                            }
                        }
                        Task {
                            try? await clock.sleep(for: timeout)
                            race.finish(.failure(TimeoutError()))
                        }
                    }
                    return (index, .success(body))
                } catch {
                    return (index, .failure(error))
                }
            }
        }
        var results = [Result<Data, any Error>?](repeating: nil, count: urls.count)
        for await (index, result) in group {
            results[index] = result
        }
        return results.map { $0! }
    }
}
