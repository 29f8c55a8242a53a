import Foundation
import InterviewKit
import Synchronization

/// A scripted `HTTPClient`: each URL answers after a virtual latency, with a body or an error.
///
/// It counts calls, requests in flight and the most in flight at once, and notices cancellation.
public final class FakeHTTPClient: HTTPClient, @unchecked Sendable {
    /// What one URL does when fetched.
    public struct Route: Sendable {
        /// How long the response takes, in virtual time; nil never answers (until cancelled).
        public var latency: Duration?
        /// The body returned, or the error thrown.
        public var result: Result<Data, FakeError>

        /// Answers `body` after `latency`.
        public static func ok(_ body: String, after latency: Duration) -> Route {
            Route(latency: latency, result: .success(Data(body.utf8)))
        }

        /// Fails with `FakeError(name)` after `latency`.
        public static func fail(_ name: String, after latency: Duration) -> Route {
            Route(latency: latency, result: .failure(FakeError(name)))
        }

        /// Never answers; only cancellation ends the request.
        public static var hang: Route { Route(latency: nil, result: .failure(FakeError("hang"))) }
    }

    private let routes: [URL: Route]
    /// Every call of `get`, with its start, end and cancellation, in virtual time.
    public let log: WorkLog<URL>

    /// Creates a client that answers each URL as `routes` says; other URLs fail at once.
    /// `lane` names its requests in the drawn timeline ("GET /3"; a second client, say "backup").
    public init(clock: TestClock, routes: [URL: Route], lane: String = "GET") {
        self.routes = routes
        self.log = WorkLog(clock: clock, lane: lane)
    }

    /// Creates a client for `testURL(n)` addresses, keyed by `n`.
    public convenience init(clock: TestClock, numbered: [Int: Route], lane: String = "GET") {
        self.init(clock: clock, routes: Dictionary(uniqueKeysWithValues: numbered.map { (testURL($0.key), $0.value) }), lane: lane)
    }

    public func get(_ url: URL) async throws -> Data {
        let route = routes[url] ?? .fail("no route for \(url.absoluteString)", after: .zero)
        return try await log.perform(url, latency: route.latency) { try route.result.get() }
    }

    /// Every call so far, in the order they started.
    public var calls: [WorkLog<URL>.Call] { log.calls }
    /// Requests started and not yet ended.
    public var inFlight: Int { log.inFlight }
    /// The most requests in flight at one moment.
    public var maxInFlight: Int { log.maxInFlight }
    /// URLs whose request ended by cancellation.
    public var cancelledURLs: [URL] { log.cancelled }
}

/// An error made by a fake, recognisable by its name.
public struct FakeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What the fake called the failure.
    public let name: String
    /// Creates the error.
    public init(_ name: String) { self.name = name }
    public var description: String { "FakeError(\(name))" }
}

/// Test URLs that read well in messages: `testURL(3)` is https://example.test/3.
public func testURL(_ number: Int) -> URL {
    URL(string: "https://example.test/\(number)")!
}
