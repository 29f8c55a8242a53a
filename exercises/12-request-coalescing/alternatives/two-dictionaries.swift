import Foundation
import InterviewKit

// Intent: the actor is re-entrant: while one call is suspended on the loader, other calls run. So
// I keep two dictionaries: finished data, and the in-flight load of each URL as a Task. The Task is
// stored before the first `await`, so a caller arriving during the load awaits that same task:
// the callers are coalesced into one load per URL, and different URLs load concurrently. When the
// load ends the in-flight entry is removed; only data is cached, so after a failure every waiter
// gets the error and the next call loads again.

actor ImageCache {
    private let loader: @Sendable (URL) async throws -> Data
    private var cached: [URL: Data] = [:]
    private var inFlight: [URL: Task<Data, any Error>] = [:]

    init(loader: @escaping @Sendable (URL) async throws -> Data) {
        self.loader = loader
    }

    /// The data at `url`: cached, shared with the load already running, or loaded now.
    func image(for url: URL) async throws -> Data {
        if let data = cached[url] { return data }
        if let load = inFlight[url] { return try await load.value }
        let loader = self.loader
        let load = Task { try await loader(url) }
        inFlight[url] = load
        defer { inFlight[url] = nil }
        let data = try await load.value
        cached[url] = data
        return data
    }
}
