import Foundation
import InterviewKit

// Intent: the Swift 6 errors were real data races: every child task appended to one shared
// Tally and added to one captured var. Instead of silencing them, nothing mutable is shared:
// the options became a Sendable struct copied into each child, and each child returns its
// result as a value, (index, bytes or nil), which the parent alone folds into the summary
// after the task group. The index keeps the input order whatever order the requests finish
// in; an empty body or an error makes the URL a failure, but CancellationError is rethrown,
// so a cancelled caller gets CancellationError and no summary. The requests run
// concurrently and the group waits for all of them.

/// What counts as a failed download: a value, copied into each child task.
struct DownloadOptions: Sendable {
    var emptyBodyIsFailure = true
}

/// Downloads every URL at once and sums up what came back, in the order of `urls`.
func downloadAll(_ urls: [URL], client: some HTTPClient) async throws -> DownloadSummary {
    let options = DownloadOptions()
    let bodies = try await withThrowingTaskGroup(of: (Int, Data?).self) { group in
        for (index, url) in urls.enumerated() {
            group.addTask {
                do {
                    let body = try await client.get(url)
                    return (index, body.isEmpty && options.emptyBodyIsFailure ? nil : body)
                } catch let cancelled as CancellationError {
                    throw cancelled
                } catch {
                    return (index, nil)
                }
            }
        }
        // Only the parent writes here: each child hands its result back as a value.
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
