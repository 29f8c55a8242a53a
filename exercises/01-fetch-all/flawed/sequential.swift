// expect: fail concurrency
import Foundation
import InterviewKit

// Intent: fetch one URL after another and keep the bodies in order.

func fetchAll(_ urls: [URL], client: some HTTPClient) async throws -> [Data] {
    var bodies: [Data] = []
    for url in urls {
        bodies.append(try await client.get(url))
    }
    return bodies
}
