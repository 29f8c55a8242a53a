// expect: fail errors
import Foundation
import InterviewKit

// Intent: fetch every URL at once in a task group; try? turns a failure into nil, which I
// report as a failed fetch.

struct FetchFailed: Error {}

func fetchAllSettled(_ urls: [URL], client: some HTTPClient) async -> [Result<Data, any Error>] {
    await withTaskGroup(of: (Int, Data?).self) { group in
        for (index, url) in urls.enumerated() {
            // try? throws the real error away: only "it failed" survives.
            group.addTask { (index, try? await client.get(url)) }
        }
        var results = [Result<Data, any Error>](repeating: .failure(FetchFailed()), count: urls.count)
        for await (index, body) in group {
            if let body {
                results[index] = .success(body)
            } else {
                results[index] = .failure(FetchFailed())
            }
        }
        return results
    }
}
