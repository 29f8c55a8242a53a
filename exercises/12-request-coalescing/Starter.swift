import Foundation
import InterviewKit

// Intent: (say in a sentence or two why your code has the shape it has)

actor ImageCache {
    private let loader: @Sendable (URL) async throws -> Data
    private var cache: [URL: Data] = [:]

    init(loader: @escaping @Sendable (URL) async throws -> Data) {
        self.loader = loader
    }

    /// The data at `url`, loaded once and then served from the cache.
    func image(for url: URL) async throws -> Data {
        if let data = cache[url] {
            return data
        }
        // The actor is free to run other calls while this load is awaited.
        let data = try await loader(url)
        cache[url] = data
        return data
    }
}
