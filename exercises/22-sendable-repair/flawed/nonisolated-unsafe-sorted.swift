// expect: review nonisolated-unsafe
import Foundation
import InterviewKit

// Intent: the children share the results, so I keep them in one lock-guarded box the
// compiler is told not to check (nonisolated(unsafe)); the options are a Sendable struct.
// Each result keeps its index and the lists are sorted at the end, so the summary is in
// input order. Cancellation is rethrown.

/// What counts as a failed download.
struct DownloadOptions: Sendable {
    var emptyBodyIsFailure = true
}

/// Downloads every URL at once and sums up what came back, in the order of `urls`.
func downloadAll(_ urls: [URL], client: some HTTPClient) async throws -> DownloadSummary {
    let options = DownloadOptions()
    let lock = NSLock()
    // The flaw: nonisolated(unsafe) silences the compiler for this var. The lock covers
    // every access today; nothing checks that it still does tomorrow.
    nonisolated(unsafe) var results: [(index: Int, url: URL, bytes: Int?)] = []
    try await withThrowingTaskGroup(of: Void.self) { group in
        for (index, url) in urls.enumerated() {
            group.addTask {
                var bytes: Int?
                do {
                    let body = try await client.get(url)
                    bytes = body.isEmpty && options.emptyBodyIsFailure ? nil : body.count
                } catch let cancelled as CancellationError {
                    throw cancelled
                } catch {
                    bytes = nil
                }
                lock.withLock { results.append((index, url, bytes)) }
            }
        }
        try await group.waitForAll()
    }
    let ordered = results.sorted { $0.index < $1.index }
    return DownloadSummary(
        totalBytes: ordered.compactMap(\.bytes).reduce(0, +),
        downloaded: ordered.filter { $0.bytes != nil }.map(\.url),
        failed: ordered.filter { $0.bytes == nil }.map(\.url))
}
