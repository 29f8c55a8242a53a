// expect: fail correctness
import Foundation
import InterviewKit

// Intent: the requests are independent, so they all start at once in a task group. Each
// child turns its own error into a Result, so one failure cancels nothing and every error
// reaches the caller unchanged.

func fetchAllSettled(_ urls: [URL], client: some HTTPClient) async -> [Result<Data, any Error>] {
    await withTaskGroup(of: Result<Data, any Error>.self) { group in
        for url in urls {
            group.addTask {
                do {
                    return .success(try await client.get(url))
                } catch {
                    return .failure(error)
                }
            }
        }
        // Collected as they finish: the fastest response comes first, not the first URL.
        var results: [Result<Data, any Error>] = []
        for await result in group { results.append(result) }
        return results
    }
}
