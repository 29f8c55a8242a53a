// expect: fail cancellation resources
import Foundation
import InterviewKit

// Intent: the parse runs off the main actor in a @concurrent function, so the screen stays
// responsive. Every refresh takes a generation number, and only the latest generation may
// update the screen: an older refresh finishes its work, but its result is dropped.

/// Loads the feed and keeps the screen showing where the load is.
@MainActor
final class FeedViewModel {
    private let feedURL: URL
    private let client: any HTTPClient
    private let parser: FeedParser
    private let screen: any FeedScreen
    /// The number of the latest refresh.
    private var generation = 0

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

    /// Downloads and parses the feed; only the latest refresh shows what it got.
    func refresh() async {
        generation += 1
        let mine = generation
        state = .loading
        do {
            let data = try await client.get(feedURL)
            let articles = try await Self.parseOffMain(data, with: parser)
            guard mine == generation else { return }
            state = .loaded(articles)
        } catch {
            guard mine == generation else { return }
            state = .failed(String(describing: error))
        }
    }

    /// Runs the parse on the global executor, never on the main actor.
    @concurrent
    private static func parseOffMain(_ data: Data, with parser: FeedParser) async throws -> [Article] {
        try await parser.parse(data)
    }
}
