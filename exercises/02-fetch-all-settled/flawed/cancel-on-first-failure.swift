// expect: fail errors
import Foundation
import InterviewKit

// Intent: fetch every URL at once in a task group, keep each result in input order, and
// stop the rest as soon as something fails so we don't waste requests.

func fetchAllSettled(_ urls: [URL], client: some HTTPClient) async -> [Result<Data, any Error>] {
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
            if case .failure = result {
                // Fail-fast habits: the requests still running end with CancellationError.
                group.cancelAll()
            }
        }
        return results.map { $0! }
    }
}
