// expect: fail errors
import Foundation
import InterviewKit

// Intent: keep one load Task per URL so concurrent callers share it, and keep the Task as the
// cache entry.

actor ImageCache {
    private let loader: @Sendable (URL) async throws -> Data
    private var loads: [URL: Task<Data, any Error>] = [:]

    init(loader: @escaping @Sendable (URL) async throws -> Data) {
        self.loader = loader
    }

    func image(for url: URL) async throws -> Data {
        if let load = loads[url] {
            return try await load.value
        }
        let loader = self.loader
        let load = Task { try await loader(url) }
        loads[url] = load
        // A failed Task stays in the dictionary: every later call rethrows its old error.
        return try await load.value
    }
}
