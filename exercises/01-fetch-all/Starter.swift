import Foundation
import InterviewKit

// Intent: (say in a sentence or two why your code has the shape it has)

/// Fetches every URL and returns the bodies in the order of `urls`.
func fetchAll(_ urls: [URL], client: some HTTPClient) async throws -> [Data] {
    var bodies: [Data] = []
    for url in urls {
        // Each request waits for the one before it to finish.
        bodies.append(try await client.get(url))
    }
    return bodies
}
