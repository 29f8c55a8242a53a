// expect: fail errors
import Foundation
import InterviewKit

// Intent: fetch everything at once with a result per URL, and race the whole batch against
// one timer so a slow host cannot hold up the answer.

func fetchAllResilient(_ urls: [URL], client: some HTTPClient, timeout: Duration, clock: some Clock<Duration>) async -> [Result<Data, any Error>] {
    do {
        return try await withThrowingTaskGroup(of: [Result<Data, any Error>].self) { race in
            race.addTask {
                await withTaskGroup(of: (Int, Result<Data, any Error>).self) { group in
                    for (index, url) in urls.enumerated() {
                        group.addTask {
                            do {
                                return (index, .success(try await client.get(url)))
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
            race.addTask {
                try await clock.sleep(for: timeout)
                throw TimeoutError()
            }
            defer { race.cancelAll() }
            return try await race.next()!
        }
    } catch {
        // One slow host and the whole batch times out: the answers that did arrive are lost.
        return urls.map { _ in .failure(error) }
    }
}
