// expect: fail concurrency
import Foundation
import InterviewKit

// Intent: fetch one URL after another and record a Result for each, in order.

func fetchAllSettled(_ urls: [URL], client: some HTTPClient) async -> [Result<Data, any Error>] {
    var results: [Result<Data, any Error>] = []
    for url in urls {
        // Each request waits for the one before it: the latencies add up.
        do {
            results.append(.success(try await client.get(url)))
        } catch {
            results.append(.failure(error))
        }
    }
    return results
}
