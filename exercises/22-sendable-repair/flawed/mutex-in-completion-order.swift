// expect: fail correctness
import Foundation
import InterviewKit
import Synchronization

// Intent: the children still share one tally, but it is now safe: a Sendable final class
// guards it with a Mutex, so there is no data race and no escape hatch. The options are a
// Sendable struct. Every request runs concurrently in a task group; an empty body or an
// error counts as a failure and CancellationError is rethrown.

/// What counts as a failed download.
struct DownloadOptions: Sendable {
    var emptyBodyIsFailure = true
}

/// The URLs sorted so far, behind a lock.
final class Tally: Sendable {
    private let state = Mutex((totalBytes: 0, downloaded: [URL](), failed: [URL]()))

    func succeeded(_ url: URL, bytes: Int) {
        state.withLock { state in
            state.totalBytes += bytes
            state.downloaded.append(url)
        }
    }

    func failed(_ url: URL) {
        state.withLock { $0.failed.append(url) }
    }

    var summary: DownloadSummary {
        state.withLock { DownloadSummary(totalBytes: $0.totalBytes, downloaded: $0.downloaded, failed: $0.failed) }
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
                    // The flaw: appending as each request finishes gives completion order.
                    if body.isEmpty && options.emptyBodyIsFailure {
                        tally.failed(url)
                    } else {
                        tally.succeeded(url, bytes: body.count)
                    }
                } catch let cancelled as CancellationError {
                    throw cancelled
                } catch {
                    tally.failed(url)
                }
            }
        }
        try await group.waitForAll()
    }
    return tally.summary
}
