import Foundation
import InterviewKit

// Intent: the requests do not depend on each other, so every one starts at once as a child of a
// throwing task group. I pull the children out with `next()` as they finish and file each body
// under its index in a dictionary, then read the dictionary back in input order. `next()`
// rethrows the first failure unchanged; throwing out of the group cancels the requests still in
// flight and waits for them, so nothing is left running when the call ends.

/// Fetches every URL concurrently and returns the bodies in the order of `urls`.
func fetchAll(_ urls: [URL], client: some HTTPClient) async throws -> [Data] {
    try await withThrowingTaskGroup(of: (Int, Data).self) { group in
        for (index, url) in urls.enumerated() {
            group.addTask {
                let body = try await client.get(url)
                return (index, body)
            }
        }
        var byIndex: [Int: Data] = [:]
        while let (index, body) = try await group.next() {
            byIndex[index] = body
        }
        return urls.indices.map { byIndex[$0]! }
    }
}
