import Foundation
import InterviewKit

// Intent: the requests run concurrently in a non-throwing task group. A small helper turns each
// request into a Result, so a failure becomes data: it keeps its own error and cancels nothing
// else. Results are written into a preallocated array at their index (slot), which keeps the input
// order; the group waits for every child, so nothing is running when the call returns.

/// Fetches every URL concurrently and returns, in the order of `urls`, each body or its error.
func fetchAllSettled(_ urls: [URL], client: some HTTPClient) async -> [Result<Data, any Error>] {
    var results = [Result<Data, any Error>](repeating: .failure(CancellationError()), count: urls.count)
    await withTaskGroup(of: (Int, Result<Data, any Error>).self) { group in
        for (index, url) in urls.enumerated() {
            group.addTask { (index, await settle { try await client.get(url) }) }
        }
        for await (index, result) in group {
            results[index] = result
        }
    }
    return results
}

/// Runs `body` and returns how it ended, success or error, as a value.
private func settle<T: Sendable>(_ body: () async throws -> T) async -> Result<T, any Error> {
    do {
        return .success(try await body())
    } catch {
        return .failure(error)
    }
}
