// expect: fail concurrency
import Foundation
import InterviewKit

// Intent: no task group means no shared mutable state and no Sendable errors: I download
// the URLs one after another in a plain loop, in input order, and count an empty body or an
// error as a failure. CancellationError is rethrown so a cancelled caller gets no summary.

/// What counts as a failed download.
struct DownloadOptions {
    var emptyBodyIsFailure = true
}

/// Downloads every URL and sums up what came back, in the order of `urls`.
func downloadAll(_ urls: [URL], client: some HTTPClient) async throws -> DownloadSummary {
    let options = DownloadOptions()
    var totalBytes = 0
    var downloaded: [URL] = []
    var failed: [URL] = []
    for url in urls {
        do {
            // The flaw: each request waits for the one before, so five take the sum of their times.
            let body = try await client.get(url)
            if body.isEmpty && options.emptyBodyIsFailure {
                failed.append(url)
            } else {
                totalBytes += body.count
                downloaded.append(url)
            }
        } catch let cancelled as CancellationError {
            throw cancelled
        } catch {
            failed.append(url)
        }
    }
    return DownloadSummary(totalBytes: totalBytes, downloaded: downloaded, failed: failed)
}
