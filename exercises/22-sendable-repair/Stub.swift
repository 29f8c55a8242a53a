import Foundation
import InterviewKit

// The declarations the hidden suite is compiled against: this exercise's starter does not
// compile by design, so its interface is given here (see docs/AUTHORING.md).

/// Downloads every URL at once and sums up what came back, in the order of `urls`.
func downloadAll(_ urls: [URL], client: some HTTPClient) async throws -> DownloadSummary {
    DownloadSummary(totalBytes: 0, downloaded: [], failed: [])
}
