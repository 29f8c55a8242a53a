import Foundation
import InterviewKit

// Intent: the view model stays on the main actor, where the screen lives, but the slow parse
// runs off the main actor in a @concurrent function, so the screen stays responsive while it
// works. Each refresh runs in a Task the view model keeps: a new refresh cancels the one in
// flight, and cancelling the caller cancels it too, through a cancellation handler, so the
// old request stops at once. The parse may ignore cancellation, so after it I check again
// that this refresh is still the latest before I show its articles; a stale result is
// dropped. Cancellation is not a failure: a cancelled refresh shows no error and leaves the
// screen to the refresh that replaced it.

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
            let articles = try await Self.parseOffMain(data, with: parser)
            // The parse ignores cancellation: a newer refresh may have taken over meanwhile.
            try Task.checkCancellation()
            state = .loaded(articles)
        } catch {
            // Cancelled means replaced (or abandoned), not failed: the screen is not ours any more.
            if Task.isCancelled { return }
            state = .failed(String(describing: error))
        }
    }

    /// Runs the parse on the global executor, never on the main actor.
    @concurrent
    private static func parseOffMain(_ data: Data, with parser: FeedParser) async throws -> [Article] {
        try await parser.parse(data)
    }
}
