import Foundation
import InterviewKit

// Intent: the view model is on the main actor with the screen, and the parse goes through a
// nonisolated async method, which runs off the main actor so the screen never freezes. Every
// refresh gets a generation number and runs in a Task I keep: the next refresh cancels that
// Task, and a cancellation handler cancels it when the caller is cancelled. After the parse,
// only the latest generation may touch the screen, so a stale result is dropped; and a
// cancelled refresh shows no error, because nothing failed.

/// Loads the feed and keeps the screen showing where the load is.
@MainActor
final class FeedViewModel {
    private let feedURL: URL
    private let client: any HTTPClient
    private let parser: FeedParser
    private let screen: any FeedScreen
    /// The number of the latest refresh; only that one may change the screen.
    private var generation = 0
    /// The latest refresh's work, kept so the next refresh can cancel it.
    private var inFlight: Task<Void, Never>?

    /// What the screen shows; every change is rendered.
    private(set) var state: FeedState = .idle {
        didSet { screen.render(state) }
    }

    init(feedURL: URL, client: any HTTPClient, parser: FeedParser, screen: any FeedScreen) {
        self.feedURL = feedURL
        self.client = client
        self.parser = parser
        self.screen = screen
    }

    /// Downloads and parses the feed, showing loading, then the articles or the error.
    func refresh() async {
        inFlight?.cancel()
        generation += 1
        let work = Task { [generation] in await self.load(generation: generation) }
        inFlight = work
        await withTaskCancellationHandler {
            await work.value
        } onCancel: {
            work.cancel()
        }
    }

    private func load(generation mine: Int) async {
        state = .loading
        do {
            let data = try await client.get(feedURL)
            let articles = try await parse(data)
            guard mine == generation else { return }
            state = .loaded(articles)
        } catch {
            guard mine == generation, !Task.isCancelled else { return }
            state = .failed(error.localizedDescription)
        }
    }

    /// Not isolated to the main actor: an async call to it leaves the main actor.
    nonisolated private func parse(_ data: Data) async throws -> [Article] {
        try await parser.parse(data)
    }
}
