// expect: fail errors
import Foundation
import InterviewKit

// Intent: an actor protects the dictionary, but every `await` inside it is a suspension
// point where other callers get in (actor re-entrancy). So before awaiting I store the
// in-flight load itself, a Task, under the URL: callers that arrive meanwhile find it and
// await the same Task, which coalesces them into one shared load per URL. Different URLs
// have different Tasks and load concurrently. A finished load replaces the Task with its
// data; a failed one is removed, so every waiting caller gets the error and the next call
// loads again instead of finding a cached failure.

actor ImageCache {
    private enum Entry {
        /// A load is running; everyone asking for this URL awaits it.
        case loading(Task<Data, any Error>)
        /// The data arrived and is cached.
        case ready(Data)
    }

    private let loader: @Sendable (URL) async throws -> Data
    private var entries: [URL: Entry] = [:]

    init(loader: @escaping @Sendable (URL) async throws -> Data) {
        self.loader = loader
    }

    /// The data at `url`: from the cache, from the load already running, or from a new load.
    func image(for url: URL) async throws -> Data {
        switch entries[url] {
        case .ready(let data):
            return data
        case .loading(let load):
            // The shared load failed? Then try once more on our own rather than fail.
            if let data = try? await load.value { return data }
            return try await loader(url)
        case nil:
            let loader = self.loader
            // Recorded before the first `await`, so callers arriving during the load see it.
            let load = Task { try await loader(url) }
            entries[url] = .loading(load)
            do {
                let data = try await load.value
                entries[url] = .ready(data)
                return data
            } catch {
                // Do not cache the failure: the next caller starts a fresh load.
                entries[url] = nil
                throw error
            }
        }
    }
}
