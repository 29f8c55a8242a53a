// expect: review unchecked-sendable
import Foundation
import InterviewKit

// Intent: the compiler complained that the children share the options and the tally, so I
// marked both @unchecked Sendable and guarded the tally with a lock; the total moved into the
// tally too. Each entry keeps its index and the lists are sorted at the end, so the summary
// is in input order. Cancellation is rethrown.

/// What counts as a failed download.
final class DownloadOptions: @unchecked Sendable {
    var emptyBodyIsFailure = true
}

/// The URLs sorted so far, behind a lock.
final class Tally: @unchecked Sendable {
    // The flaw: @unchecked switches the compiler's race checking off for this class. The
    // lock happens to cover every access today; nothing will tell the next editor if not.
    private let lock = NSLock()
    private var totalBytes = 0
    private var downloaded: [(Int, URL)] = []
    private var failed: [(Int, URL)] = []

    func record(_ index: Int, _ url: URL, bytes: Int?) {
        lock.lock()
        defer { lock.unlock() }
        if let bytes {
            totalBytes += bytes
            downloaded.append((index, url))
        } else {
            failed.append((index, url))
        }
    }

    var summary: DownloadSummary {
        lock.lock()
        defer { lock.unlock() }
        return DownloadSummary(
            totalBytes: totalBytes,
            downloaded: downloaded.sorted { $0.0 < $1.0 }.map(\.1),
            failed: failed.sorted { $0.0 < $1.0 }.map(\.1))
    }
}

/// Downloads every URL at once and sums up what came back, in the order of `urls`.
func downloadAll(_ urls: [URL], client: some HTTPClient) async throws -> DownloadSummary {
    let options = DownloadOptions()
    let tally = Tally()
    try await withThrowingTaskGroup(of: Void.self) { group in
        for (index, url) in urls.enumerated() {
            group.addTask {
                do {
                    let body = try await client.get(url)
                    tally.record(index, url, bytes: body.isEmpty && options.emptyBodyIsFailure ? nil : body.count)
                } catch let cancelled as CancellationError {
                    throw cancelled
                } catch {
                    tally.record(index, url, bytes: nil)
                }
            }
        }
        try await group.waitForAll()
    }
    return tally.summary
}
