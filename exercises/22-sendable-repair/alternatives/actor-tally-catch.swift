import Foundation
import InterviewKit

// Intent: the two classes were shared mutable state reached from concurrent child tasks:
// DownloadOptions becomes an immutable Sendable struct, and Tally becomes an actor, so each
// update is isolated instead of racing. All requests run at once in a discarding task group;
// each child records its URL's outcome by index, and the summary is read back in the order
// of `urls`. If the caller is cancelled, the group cancels every request still running and
// the call throws CancellationError rather than counting them as failures; the group waits
// for its children, so nothing outlives the call.

/// What counts as a failed download.
struct DownloadOptions: Sendable {
    var emptyBodyIsFailure = true
}

/// The outcome of each URL, by position.
actor Tally {
    private var bytes: [Int: Int] = [:]   // index -> body size, for the URLs that downloaded
    private var failures: Set<Int> = []

    func succeeded(_ index: Int, bytes count: Int) { bytes[index] = count }
    func failed(_ index: Int) { failures.insert(index) }

    func summary(of urls: [URL]) -> DownloadSummary {
        var downloaded: [URL] = [], failed: [URL] = []
        for (index, url) in urls.enumerated() {
            if bytes[index] != nil { downloaded.append(url) } else if failures.contains(index) { failed.append(url) }
        }
        return DownloadSummary(totalBytes: bytes.values.reduce(0, +), downloaded: downloaded, failed: failed)
    }
}

/// Downloads every URL at once and sums up what came back, in the order of `urls`.
func downloadAll(_ urls: [URL], client: some HTTPClient) async throws -> DownloadSummary {
    let options = DownloadOptions()
    let tally = Tally()
    try await withThrowingDiscardingTaskGroup { group in
        for (index, url) in urls.enumerated() {
            group.addTask {
                do {
                    let body = try await client.get(url)
                    if body.isEmpty && options.emptyBodyIsFailure {
                        await tally.failed(index)
                    } else {
                        await tally.succeeded(index, bytes: body.count)
                    }
                } catch {
                    try Task.checkCancellation()
                    await tally.failed(index)
                }
            }
        }
    }
    try Task.checkCancellation()
    return await tally.summary(of: urls)
}
