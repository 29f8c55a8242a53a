import Foundation
import InterviewKit

// Intent: (say in a sentence or two why your code has the shape it has)

/// Loads the feed and keeps the screen showing where the load is.
@MainActor
final class FeedViewModel {
    private let feedURL: URL
    private let client: any HTTPClient
    private let parser: FeedParser
    private let screen: any FeedScreen

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
        state = .loading
        do {
            let data = try await client.get(feedURL)
            let articles = try await parser.parse(data)
            state = .loaded(articles)
        } catch {
            state = .failed(String(describing: error))
        }
    }
}
