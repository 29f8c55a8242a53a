// expect: review explicit-isolation
import Foundation
import InterviewKit

// Intent: the view model stays on the main actor, but I pass the parse no actor, so it runs
// off the main actor and the screen stays responsive. A new refresh cancels the one in
// flight, and so does cancelling the caller. After the parse I check that the refresh is
// still the latest before I show it, and a cancelled refresh shows no error.

/// Loads the feed and keeps the screen showing where the load is.
@MainActor
final class FeedViewModel {
    private let feedURL: URL
    private let client: any HTTPClient
    private let parser: FeedParser
    private let screen: any FeedScreen
    /// The refresh in flight, so that the next one can cancel it.
    private var current: Task<Void, Never>?

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
    /// A newer refresh, or cancelling the caller, cancels this one.
    func refresh() async {
        current?.cancel()
        let load = Task { await self.load() }
        current = load
        await withTaskCancellationHandler {
            await load.value
        } onCancel: {
            load.cancel()
        }
        if current == load { current = nil }
    }

    /// One refresh, on the main actor except for the parse.
    private func load() async {
        state = .loading
        do {
            let data = try await client.get(feedURL)
            // Handing the parse no actor runs it on the global executor.
            let articles = try await parser.parse(data, isolation: nil)
            // The parse ignores cancellation: a newer refresh may have taken over meanwhile.
            try Task.checkCancellation()
            state = .loaded(articles)
        } catch {
            // Cancelled means replaced (or abandoned), not failed: the screen is not ours any more.
            if Task.isCancelled { return }
            state = .failed(String(describing: error))
        }
    }
}
