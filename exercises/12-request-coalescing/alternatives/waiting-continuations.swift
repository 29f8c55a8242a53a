import Foundation
import InterviewKit

// Intent: actor re-entrancy means a second caller can arrive while the first is suspended in the
// loader. The first caller for a URL runs the load itself and marks the URL as in flight before
// its first `await`; anyone who arrives meanwhile parks on a continuation under that URL instead
// of loading again, so all of them share one load. When the load ends, every parked caller is
// resumed with the same data or the same error. Only data is cached: a failure is removed with the
// waiters, so the next call loads again.

actor ImageCache {
    private let loader: @Sendable (URL) async throws -> Data
    private var cached: [URL: Data] = [:]
    /// URLs being loaded, with the callers waiting for that load.
    private var waiters: [URL: [CheckedContinuation<Data, any Error>]] = [:]

    init(loader: @escaping @Sendable (URL) async throws -> Data) {
        self.loader = loader
    }

    /// The data at `url`: cached, shared with the load already running, or loaded now.
    func image(for url: URL) async throws -> Data {
        if let data = cached[url] { return data }
        if waiters[url] != nil {
            return try await withCheckedThrowingContinuation { waiters[url, default: []].append($0) }
        }
        waiters[url] = []
        let outcome: Result<Data, any Error>
        do {
            outcome = .success(try await loader(url))
        } catch {
            outcome = .failure(error)
        }
        if case .success(let data) = outcome { cached[url] = data }
        for waiter in waiters.removeValue(forKey: url) ?? [] {
            waiter.resume(with: outcome)
        }
        return try outcome.get()
    }
}
