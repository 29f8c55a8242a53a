// expect: fail cancellation
import Foundation
import InterviewKit

// Intent: nothing mutable is shared: the options are a Sendable struct and each child
// returns (index, bytes or nil), which the parent folds after the group, so the summary keeps
// the input order. Every request runs concurrently. Any error makes its URL a failure.

/// What counts as a failed download.
struct DownloadOptions: Sendable {
    var emptyBodyIsFailure = true
}

/// Downloads every URL at once and sums up what came back, in the order of `urls`.
func downloadAll(_ urls: [URL], client: some HTTPClient) async throws -> DownloadSummary {
    let options = DownloadOptions()
    let bodies = try await withThrowingTaskGroup(of: (Int, Data?).self) { group in
        for (index, url) in urls.enumerated() {
            group.addTask {
                // The flaw: a cancelled request lands here too, so a cancelled caller gets a
                // summary that lists every URL as failed instead of CancellationError.
                guard let body = try? await client.get(url) else { return (index, nil) }
                return (index, body.isEmpty && options.emptyBodyIsFailure ? nil : body)
            }
        }
        var bodies = [Data?](repeating: nil, count: urls.count)
        for try await (index, body) in group {
            bodies[index] = body
        }
        return bodies
    }
    var totalBytes = 0
    var downloaded: [URL] = []
    var failed: [URL] = []
    for (url, body) in zip(urls, bodies) {
        if let body {
            totalBytes += body.count
            downloaded.append(url)
        } else {
            failed.append(url)
        }
    }
    return DownloadSummary(totalBytes: totalBytes, downloaded: downloaded, failed: failed)
}
