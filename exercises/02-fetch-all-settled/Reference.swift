import Foundation
import InterviewKit

// Intent: the requests are independent, so I start them all at once in a task group and the
// call takes as long as the slowest one. Partial failure is a normal outcome here, so each
// child catches its own error and turns it into a Result: the group never sees a throw, one
// failure cancels nothing, and every URL gets its own error value, unchanged. Each child
// returns its index, so the results go back in input order whatever order they finish in.

/// Fetches every URL concurrently and returns, in the order of `urls`, each body or its error.
func fetchAllSettled(_ urls: [URL], client: some HTTPClient) async -> [Result<Data, any Error>] {
    // A non-throwing group: a failure is data, not a reason to tear the group down.
    await withTaskGroup(of: (Int, Result<Data, any Error>).self) { group in
        for (index, url) in urls.enumerated() {
            group.addTask {
                do {
                    return (index, .success(try await client.get(url)))
                } catch {
                    // Keep the client's own error: the caller decides what it means.
                    return (index, .failure(error))
                }
            }
        }
        var results = [Result<Data, any Error>?](repeating: nil, count: urls.count)
        for await (index, result) in group {
            results[index] = result
        }
        // The loop ends only when every child has finished, so nothing is left running.
        return results.map { $0! }
    }
}
