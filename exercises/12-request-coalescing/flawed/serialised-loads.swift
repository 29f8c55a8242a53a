// expect: fail concurrency errors
import Foundation
import InterviewKit

// Intent: re-entrancy causes duplicate loads, so allow only one load at a time: every caller
// waits for the load in progress, then checks the cache again.

actor ImageCache {
    private let loader: @Sendable (URL) async throws -> Data
    private var cache: [URL: Data] = [:]
    /// The one load allowed to run, whatever its URL.
    private var running: Task<Void, Never>?

    init(loader: @escaping @Sendable (URL) async throws -> Data) {
        self.loader = loader
    }

    func image(for url: URL) async throws -> Data {
        while true {
            if let data = cache[url] { return data }
            guard let busy = running else { break }
            await busy.value
        }
        let loader = self.loader
        let load = Task { try await loader(url) }
        running = Task { _ = await load.result }
        defer { running = nil }
        // Loads of different URLs now wait for each other too.
        let data = try await load.value
        cache[url] = data
        return data
    }
}
