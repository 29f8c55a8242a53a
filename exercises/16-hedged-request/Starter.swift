import Foundation
import InterviewKit

// Intent: (say in a sentence or two why your code has the shape it has)

/// Fetches `url` from `primary`, with `backup` as a fallback.
func hedgedFetch(
    _ url: URL, primary: some HTTPClient, backup: some HTTPClient,
    hedgeAfter: Duration, clock: some Clock<Duration>
) async throws -> Data {
    do {
        return try await primary.get(url)
    } catch {
        // Only a failed primary reaches the backup; a slow one is simply waited for.
        return try await backup.get(url)
    }
}
