import Foundation
import InterviewKit

// Intent: no shared mutable state at all. Each child task returns a value, its index with a
// Result, and the parent alone collects them into an array by index, so the summary keeps the
// input order. The options are a Sendable struct copied into every child. All requests run
// concurrently; a failure or an empty body is a failed URL, but CancellationError is thrown,
// because a cancelled caller wants no summary.

/// What counts as a failed download: a value, copied into each child task.
struct DownloadOptions: Sendable {
    var emptyBodyIsFailure = true
}

/// Why a download did not count.
private struct EmptyBody: Error {}

/// Downloads every URL at once and sums up what came back, in the order of `urls`.
func downloadAll(_ urls: [URL], client: some HTTPClient) async throws -> DownloadSummary {
    let options = DownloadOptions()
    let outcomes = try await withThrowingTaskGroup(of: (Int, Result<Data, any Error>).self) { group in
        for (index, url) in urls.enumerated() {
            group.addTask {
                do {
                    let body = try await client.get(url)
                    return (index, body.isEmpty && options.emptyBodyIsFailure ? .failure(EmptyBody()) : .success(body))
                } catch {
                    if error is CancellationError { throw error }
                    return (index, .failure(error))
                }
            }
        }
        var outcomes = [Result<Data, any Error>?](repeating: nil, count: urls.count)
        for try await (index, outcome) in group {
            outcomes[index] = outcome
        }
        return outcomes.compactMap { $0 }
    }
    return zip(urls, outcomes).reduce(into: DownloadSummary(totalBytes: 0, downloaded: [], failed: [])) { summary, pair in
        switch pair.1 {
        case .success(let body):
            summary = DownloadSummary(totalBytes: summary.totalBytes + body.count, downloaded: summary.downloaded + [pair.0], failed: summary.failed)
        case .failure:
            summary = DownloadSummary(totalBytes: summary.totalBytes, downloaded: summary.downloaded, failed: summary.failed + [pair.0])
        }
    }
}
