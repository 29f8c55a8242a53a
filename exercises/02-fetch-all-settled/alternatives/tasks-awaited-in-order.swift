import Foundation
import InterviewKit

// Intent: every request starts at once in its own Task and I keep every handle, so they all run
// concurrently; then I await each handle's result in input order, which gives one Result per URL
// in the order of the list. Each failure is its own error and cancels nothing, because a task's
// failure stays inside its result. Since every handle is awaited before returning, nothing is left
// running; if my caller is cancelled, the handler passes that on to every task.

/// Fetches every URL concurrently and returns, in the order of `urls`, each body or its error.
func fetchAllSettled(_ urls: [URL], client: some HTTPClient) async -> [Result<Data, any Error>] {
    let tasks = urls.map { url in
        Task { try await client.get(url) }
    }
    return await withTaskCancellationHandler {
        var results: [Result<Data, any Error>] = []
        for task in tasks {
            results.append(await task.result)
        }
        return results
    } onCancel: {
        for task in tasks { task.cancel() }
    }
}
