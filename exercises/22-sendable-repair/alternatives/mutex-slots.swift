import Foundation
import InterviewKit
import Synchronization

// Intent: the children must not share unprotected mutable state, so the shared part is a
// Sendable final class whose only state is behind a Mutex: one slot per URL, indexed by
// position, so each child fills its own slot and the input order survives whatever order the
// requests finish in. The options are a Sendable struct, copied into each child. All requests
// run concurrently in a discarding task group; an error or empty body leaves the slot a
// failure, and CancellationError is rethrown so a cancelled caller gets no summary.

/// What counts as a failed download: a value, copied into each child task.
struct DownloadOptions: Sendable {
    var emptyBodyIsFailure = true
}

/// One slot per URL, filled by the children under a lock.
final class Slots: Sendable {
    private let bodies: Mutex<[Data?]>

    init(count: Int) {
        bodies = Mutex([Data?](repeating: nil, count: count))
    }

    func fill(_ index: Int, with body: Data) {
        bodies.withLock { $0[index] = body }
    }

    var all: [Data?] { bodies.withLock { $0 } }
}

/// Downloads every URL at once and sums up what came back, in the order of `urls`.
func downloadAll(_ urls: [URL], client: some HTTPClient) async throws -> DownloadSummary {
    let options = DownloadOptions()
    let slots = Slots(count: urls.count)
    try await withThrowingDiscardingTaskGroup { group in
        for (index, url) in urls.enumerated() {
            group.addTask {
                let body: Data
                do {
                    body = try await client.get(url)
                } catch let cancelled as CancellationError {
                    throw cancelled
                } catch {
                    return  // a failed request leaves its slot empty: a failure
                }
                if !(body.isEmpty && options.emptyBodyIsFailure) {
                    slots.fill(index, with: body)
                }
            }
        }
    }
    let bodies = slots.all
    return DownloadSummary(
        totalBytes: bodies.compactMap { $0?.count }.reduce(0, +),
        downloaded: zip(urls, bodies).filter { $0.1 != nil }.map(\.0),
        failed: zip(urls, bodies).filter { $0.1 == nil }.map(\.0))
}
