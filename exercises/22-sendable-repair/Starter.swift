import Foundation
import InterviewKit

// Intent: (say in a sentence or two why your code has the shape it has)

/// What counts as a failed download.
final class DownloadOptions {
    var emptyBodyIsFailure = true
}

/// The URLs sorted so far.
final class Tally {
    var downloaded: [URL] = []
    var failed: [URL] = []
}

/// Downloads every URL at once and sums up what came back, in the order of `urls`.
func downloadAll(_ urls: [URL], client: some HTTPClient) async throws -> DownloadSummary {
    let options = DownloadOptions()
    let tally = Tally()
    var totalBytes = 0
    try await withThrowingTaskGroup(of: Void.self) { group in
        for url in urls {
            group.addTask {
                do {
                    let body = try await client.get(url)
                    if body.isEmpty && options.emptyBodyIsFailure {
                        tally.failed.append(url)
                    } else {
                        tally.downloaded.append(url)
                        totalBytes += body.count
                    }
                } catch {
                    tally.failed.append(url)
                }
            }
        }
        try await group.waitForAll()
    }
    return DownloadSummary(totalBytes: totalBytes, downloaded: tally.downloaded, failed: tally.failed)
}
