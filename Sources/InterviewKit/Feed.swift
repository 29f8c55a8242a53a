import Foundation

/// One article of a news feed (exercise `main-actor-ui`).
public struct Article: Sendable, Equatable {
    /// The article's identifier.
    public let id: Int
    /// The headline shown in the list.
    public let title: String
    /// Creates an article.
    public init(id: Int, title: String) {
        self.id = id
        self.title = title
    }
}

/// What the feed screen shows.
public enum FeedState: Sendable, Equatable {
    /// Nothing asked for yet.
    case idle
    /// A refresh is under way.
    case loading
    /// The articles of the last refresh.
    case loaded([Article])
    /// The last refresh failed; the text describes the error.
    case failed(String)
}

/// The screen a feed view model draws on; it lives on the main actor, like all UI.
@MainActor
public protocol FeedScreen: AnyObject {
    /// Shows `state`.
    func render(_ state: FeedState)
}

/// Turns a downloaded feed into articles: slow work that should stay off the main actor.
public struct FeedParser: Sendable {
    private let body: @Sendable (_ data: Data, _ onMainActor: Bool) async throws -> [Article]

    /// Creates a parser whose work is `body`; `body` learns whether `parse` was called on the main actor.
    public init(_ body: @escaping @Sendable (_ data: Data, _ onMainActor: Bool) async throws -> [Article]) {
        self.body = body
    }

    /// Parses `data` on its caller's actor (`isolation`), and tells the work whether that is the main actor.
    public func parse(_ data: Data, isolation: isolated (any Actor)? = #isolation) async throws -> [Article] {
        let onMainActor = isolation.map { $0 === MainActor.shared } ?? false
        return try await body(data, onMainActor)
    }
}
