import Foundation

/// What a batch of downloads came to (exercise `sendable-repair`).
public struct DownloadSummary: Sendable, Equatable {
    /// The bytes of every successful download, added up.
    public let totalBytes: Int
    /// The URLs that downloaded, in the order they were given.
    public let downloaded: [URL]
    /// The URLs that failed or came back empty, in the order they were given.
    public let failed: [URL]
    /// Creates a summary.
    public init(totalBytes: Int, downloaded: [URL], failed: [URL]) {
        self.totalBytes = totalBytes
        self.downloaded = downloaded
        self.failed = failed
    }
}
