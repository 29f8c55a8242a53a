import Foundation
import InterviewKit

// Intent: the whole download and parse runs in a @concurrent function, off the main actor, so
// the screen stays responsive; only the state changes happen on the main actor. Each refresh
// keeps that work's Task as the pending one: a newer refresh cancels it, and so does
// cancelling the caller, through a cancellation handler. When the work ends, I apply its
// result only if this refresh is still the pending one, so a stale result never reaches the
// screen. A refresh that was cancelled shows no error; it simply returns.

/// Loads the feed and keeps the screen showing where the load is.
@MainActor
final class FeedViewModel {
    private let feedURL: URL
    private let client: any HTTPClient
    private let parser: FeedParser
    private let screen: any FeedScreen
    /// The latest refresh's download and parse; an older one is cancelled and ignored.
    private var pending: Task<[Article], any Error>?

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
        pending?.cancel()
        state = .loading
        let (url, client, parser) = (feedURL, self.client, self.parser)
        let download = Task { try await Self.articles(at: url, client: client, parser: parser) }
        pending = download
        let result = await withTaskCancellationHandler {
            await download.result
        } onCancel: {
            download.cancel()
        }
        let stillPending = pending == download
        if stillPending { pending = nil }
        // Replaced by a newer refresh, or given up by the caller: nothing of ours to show.
        guard stillPending, !Task.isCancelled else { return }
        switch result {
        case .success(let articles):
            state = .loaded(articles)
        case .failure(let error):
            state = .failed("\(error)")
        }
    }

    /// Downloads and parses the feed on the global executor.
    @concurrent
    private static func articles(at url: URL, client: any HTTPClient, parser: FeedParser) async throws -> [Article] {
        let data = try await client.get(url)
        return try await parser.parse(data)
    }
}
