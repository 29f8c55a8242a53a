import Foundation
import InterviewKit

// Intent: (say in a sentence or two why your code has the shape it has)

/// Fetches every URL concurrently, each with its own time-out, and returns a result per URL.
func fetchAllResilient(_ urls: [URL], client: some HTTPClient, timeout: Duration, clock: some Clock<Duration>) async -> [Result<Data, any Error>] {
    // Every request at once, a Result per URL; but nothing stops a host that never answers.
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
