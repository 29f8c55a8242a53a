import Foundation
import InterviewKit

// Intent: the requests are independent, so I start them all at once in a throwing task
// group and wait for all of them: total latency is the slowest request, not the sum.
// Each child returns its index, so the bodies go back in input order whatever order they
// finish in. The first failure is thrown as soon as it arrives, and leaving the group
// early cancels the siblings that are still in flight, so nothing outlives the call.

/// Fetches every URL concurrently and returns the bodies in the order of `urls`.
func fetchAll(_ urls: [URL], client: some HTTPClient) async throws -> [Data] {
    try await withThrowingTaskGroup(of: (Int, Data).self) { group in
        for (index, url) in urls.enumerated() {
            group.addTask { (index, try await client.get(url)) }
        }
        var bodies = [Data?](repeating: nil, count: urls.count)
        // `next()` rethrows the first child error; the group then cancels the rest.
        for try await (index, body) in group {
            bodies[index] = body
        }
        return bodies.map { $0! }
    }
}
