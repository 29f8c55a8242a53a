// expect: fail concurrency errors
import Foundation
import InterviewKit

// Intent: the actor makes the cache safe, so check it, load on a miss, then store the data.

actor ImageCache {
    private let loader: @Sendable (URL) async throws -> Data
    private var cache: [URL: Data] = [:]

    init(loader: @escaping @Sendable (URL) async throws -> Data) {
        self.loader = loader
    }

    func image(for url: URL) async throws -> Data {
        if let data = cache[url] {
            return data
        }
        // Re-entrancy: while this caller awaits, every other caller also misses and loads.
        let data = try await loader(url)
        cache[url] = data
        return data
    }
}
