// expect: fail correctness errors
import Foundation
import InterviewKit

// Intent: reuse the concurrent task group from fetch-all and turn its answer into results.

/// Fetches every URL and returns, in the order of `urls`, each body or the error that stopped it.
func fetchAllSettled(_ urls: [URL], client: some HTTPClient) async -> [Result<Data, any Error>] {
    do {
        // The fail-fast answer to fetch-all: all requests at once, the first error thrown.
        let bodies = try await withThrowingTaskGroup(of: (Int, Data).self) { group in
            for (index, url) in urls.enumerated() {
                group.addTask { (index, try await client.get(url)) }
            }
            var bodies = [Data?](repeating: nil, count: urls.count)
            for try await (index, body) in group {
                bodies[index] = body
            }
            return bodies.map { $0! }
        }
        return bodies.map { .success($0) }
    } catch {
        // One host failed, so every URL is reported as failed with that host's error.
        return urls.map { _ in .failure(error) }
    }
}
