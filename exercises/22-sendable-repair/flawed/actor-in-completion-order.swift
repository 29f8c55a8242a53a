// expect: fail correctness
import Foundation
import InterviewKit

// Intent: shared mutable state belongs in an actor, so the tally became one: the children
// await its methods and there is no data race. The options are a Sendable struct. Every
// request runs concurrently in a task group; an empty body or an error counts as a failure
// and CancellationError is rethrown.

/// What counts as a failed download.
struct DownloadOptions: Sendable {
    var emptyBodyIsFailure = true
}

/// The URLs sorted so far.
actor Tally {
    var totalBytes = 0
    var downloaded: [URL] = []
    var failed: [URL] = []

    func record(_ url: URL, body: Data?) {
        // The flaw: appending as each request finishes gives completion order.
        if let body {
            totalBytes += body.count
            downloaded.append(url)
        } else {
            failed.append(url)
        }
    }

    var summary: DownloadSummary {
        DownloadSummary(totalBytes: totalBytes, downloaded: downloaded, failed: failed)
    }
}

/// Downloads every URL at once and sums up what came back, in the order of `urls`.
func downloadAll(_ urls: [URL], client: some HTTPClient) async throws -> DownloadSummary {
    let options = DownloadOptions()
    let tally = Tally()
    try await withThrowingTaskGroup(of: Void.self) { group in
        for url in urls {
            group.addTask {
                do {
                    let body = try await client.get(url)
                    await tally.record(url, body: body.isEmpty && options.emptyBodyIsFailure ? nil : body)
                } catch let cancelled as CancellationError {
                    throw cancelled
                } catch {
                    await tally.record(url, body: nil)
                }
            }
        }
        try await group.waitForAll()
    }
    return await tally.summary
}
