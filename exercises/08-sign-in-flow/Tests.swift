import Foundation
import InterviewHarness
import InterviewKit
import Synchronization
import XCTest

/// An account back end: each call takes a virtual latency and succeeds or fails as the test says.
/// It records every call in `log` (labels "signIn", "preferences", "recommendations") and the
/// session token each later call was given.
private final class FakeAccounts: AccountService, Sendable {
    struct Step: Sendable {
        var latency: Duration
        var failure: FakeError?

        static func ok(after latency: Duration) -> Step { Step(latency: latency, failure: nil) }
        static func fail(_ name: String, after latency: Duration) -> Step { Step(latency: latency, failure: FakeError(name)) }
    }

    static let session = Session(token: "session-of-ada")
    static let preferences = Preferences(theme: "solarized-dark")
    static let recommendations = ["Swift Concurrency by Example", "The Actor Model, Explained"]

    let log: WorkLog<String>
    private let signInStep: Step
    private let preferencesStep: Step
    private let recommendationsStep: Step
    private let received = Mutex<[(call: String, token: String)]>([])

    init(clock: TestClock, signIn: Step, preferences: Step, recommendations: Step) {
        self.log = WorkLog(clock: clock)
        self.signInStep = signIn
        self.preferencesStep = preferences
        self.recommendationsStep = recommendations
    }

    func signIn(_ credentials: Credentials) async throws -> Session {
        try await log.perform("signIn", latency: signInStep.latency) {
            if let failure = signInStep.failure { throw failure }
            return credentials.user == "ada" ? Self.session : Session(token: "session-of-\(credentials.user)")
        }
    }

    func preferences(for session: Session) async throws -> Preferences {
        received.withLock { $0.append(("preferences", session.token)) }
        return try await log.perform("preferences", latency: preferencesStep.latency) {
            if let failure = preferencesStep.failure { throw failure }
            return Self.preferences
        }
    }

    func recommendations(for session: Session) async throws -> [String] {
        received.withLock { $0.append(("recommendations", session.token)) }
        return try await log.perform("recommendations", latency: recommendationsStep.latency) {
            if let failure = recommendationsStep.failure { throw failure }
            return Self.recommendations
        }
    }

    /// The first call with this label.
    func call(_ label: String) -> WorkLog<String>.Call? { log.calls.first { $0.label == label } }
    /// The tokens the later calls were given, in call order.
    var tokens: [(call: String, token: String)] { received.withLock { $0 } }
}

private let ada = Credentials(user: "ada", password: "correct horse battery staple")

final class SignInFlowTests: XCTestCase {
    func test_correctness_pageHoldsSessionPreferencesAndRecommendations() throws {
        let time = VirtualTime()
        let service = FakeAccounts(clock: time.clock, signIn: .ok(after: .milliseconds(100)), preferences: .ok(after: .milliseconds(100)), recommendations: .ok(after: .milliseconds(100)))
        let outcome = time.run { try await loadHomePage(ada, service: service) }
        let page = try outcome.requireValue("loadHomePage")
        expect(page.session == FakeAccounts.session, "the page holds session \(page.session.token); expected \(FakeAccounts.session.token), the one signIn returned.")
        expect(page.preferences == FakeAccounts.preferences, "the page holds theme \"\(page.preferences.theme)\"; expected \"\(FakeAccounts.preferences.theme)\", the preferences the service returned.")
        expect(page.recommendations == FakeAccounts.recommendations, "the page holds recommendations \(page.recommendations); expected \(FakeAccounts.recommendations).")
    }

    func test_concurrency_preferencesOnlyAfterSignInFinished() throws {
        let time = VirtualTime()
        let service = FakeAccounts(clock: time.clock, signIn: .ok(after: .milliseconds(200)), preferences: .ok(after: .milliseconds(300)), recommendations: .ok(after: .milliseconds(100)))
        let outcome = time.run { try await loadHomePage(ada, service: service) }
        try outcome.requireFinished("loadHomePage")
        let signedInAt = service.call("signIn")?.end ?? .zero
        for label in ["preferences", "recommendations"] {
            guard let call = service.call(label) else {
                XCTFail("\(label) was never requested; expected it to be requested once sign-in finished at \(signedInAt.seconds).")
                continue
            }
            expect(call.start >= signedInAt, "\(label) was requested at \(call.start.seconds) of virtual time, before sign-in finished at \(signedInAt.seconds); expected it to wait for the session: it needs the token that signIn returns.")
        }
        let wrongTokens = service.tokens.filter { $0.token != FakeAccounts.session.token }
        expect(wrongTokens.isEmpty, "\(wrongTokens.map { "\($0.call) was given token \"\($0.token)\"" }.joined(separator: ", ")); expected the token of the session signIn returned, \"\(FakeAccounts.session.token)\".")
    }

    func test_concurrency_loadsRunTogetherAfterSignIn() throws {
        let time = VirtualTime()
        let service = FakeAccounts(clock: time.clock, signIn: .ok(after: .milliseconds(200)), preferences: .ok(after: .milliseconds(300)), recommendations: .ok(after: .milliseconds(100)))
        let outcome = time.run { try await loadHomePage(ada, service: service) }
        try outcome.requireFinished("loadHomePage")
        ResultsChannel.recordLatency(outcome.elapsed)
        let starts = ["preferences", "recommendations"].map { label in "\(label) at \(service.call(label).map(\.start.seconds) ?? "never")" }
        let together = ["preferences", "recommendations"].allSatisfy { service.call($0)?.start == .milliseconds(200) }
        expect(together, "after sign-in finished at 0.2 s, the loads started: \(starts.joined(separator: ", ")); expected both at 0.2 s: they depend on the session, not on each other.")
        expect(outcome.elapsed == .milliseconds(500), "sign-in (0.2 s), then preferences (0.3 s) and recommendations (0.1 s) took \(outcome.elapsed.seconds) of virtual time; expected 0.5 s: sign-in first, then the two loads side by side (0.2 + max(0.3, 0.1)).")
    }

    func test_errors_signInFailureThrownAndNothingElseRequested() throws {
        let time = VirtualTime()
        let service = FakeAccounts(clock: time.clock, signIn: .fail("wrong password", after: .milliseconds(100)), preferences: .ok(after: .milliseconds(100)), recommendations: .ok(after: .milliseconds(100)))
        let outcome = time.run { try await loadHomePage(ada, service: service) }
        let error = try outcome.requireError("loadHomePage with a failing sign-in")
        expect((error as? FakeError) == FakeError("wrong password"), "loadHomePage threw \(describe(error)); expected the sign-in error, FakeError(wrong password), unchanged: the caller has to tell the user why.")
        expect(outcome.elapsed == .milliseconds(100), "sign-in failed at 0.1 s but loadHomePage threw at \(outcome.elapsed.seconds) of virtual time; expected at once, at 0.1 s.")
        let others = service.log.calls.filter { $0.label != "signIn" }.map(\.label)
        expect(others.isEmpty, "sign-in failed, yet \(others.joined(separator: " and ")) \(others.count == 1 ? "was" : "were") requested; expected nothing else: without a session there is nothing to load.")
    }

    func test_errors_preferencesFailureFallsBackToStandard() throws {
        let time = VirtualTime()
        let service = FakeAccounts(clock: time.clock, signIn: .ok(after: .milliseconds(100)), preferences: .fail("preferences database is down", after: .milliseconds(50)), recommendations: .ok(after: .milliseconds(200)))
        let outcome = time.run { try await loadHomePage(ada, service: service) }
        let page = try outcome.requireValue("loadHomePage with failing preferences")
        expect(page.preferences == .standard, "preferences failed and the page holds theme \"\(page.preferences.theme)\"; expected Preferences.standard (\"\(Preferences.standard.theme)\"): the page still loads, with the default look.")
        expect(page.session == FakeAccounts.session && page.recommendations == FakeAccounts.recommendations, "preferences failed and the page holds session \(page.session.token) and recommendations \(page.recommendations); expected the real session and recommendations: one failed load must not spoil the others.")
    }

    func test_errors_recommendationsFailureFallsBackToEmpty() throws {
        let time = VirtualTime()
        let service = FakeAccounts(clock: time.clock, signIn: .ok(after: .milliseconds(100)), preferences: .ok(after: .milliseconds(200)), recommendations: .fail("recommender timed out", after: .milliseconds(50)))
        let outcome = time.run { try await loadHomePage(ada, service: service) }
        let page = try outcome.requireValue("loadHomePage with failing recommendations")
        expect(page.recommendations.isEmpty, "recommendations failed and the page holds \(page.recommendations); expected []: the page still loads, without recommendations.")
        expect(page.session == FakeAccounts.session && page.preferences == FakeAccounts.preferences, "recommendations failed and the page holds session \(page.session.token) and theme \"\(page.preferences.theme)\"; expected the real session and preferences.")
    }

    func test_errors_bothLoadsFailingStillGivesAPage() throws {
        let time = VirtualTime()
        let service = FakeAccounts(clock: time.clock, signIn: .ok(after: .milliseconds(100)), preferences: .fail("preferences database is down", after: .milliseconds(50)), recommendations: .fail("recommender timed out", after: .milliseconds(80)))
        let outcome = time.run { try await loadHomePage(ada, service: service) }
        let page = try outcome.requireValue("loadHomePage with both loads failing")
        expect(page == HomePage(session: FakeAccounts.session, preferences: .standard, recommendations: []), "both loads failed and the page holds theme \"\(page.preferences.theme)\" and \(page.recommendations.count) recommendation(s); expected the signed-in session with Preferences.standard and []: only sign-in is essential.")
    }

    func test_cancellation_duringSignInStopsEverything() throws {
        let time = VirtualTime()
        let service = FakeAccounts(clock: time.clock, signIn: .ok(after: .milliseconds(300)), preferences: .ok(after: .milliseconds(100)), recommendations: .ok(after: .milliseconds(100)))
        let outcome = time.run(cancelAt: .milliseconds(100)) { try await loadHomePage(ada, service: service) }
        let error = try outcome.requireError("loadHomePage cancelled at 0.1 s, during sign-in")
        expect(error is CancellationError, "loadHomePage, cancelled at 0.1 s, threw \(describe(error)); expected CancellationError.")
        expect(outcome.elapsed == .milliseconds(100), "loadHomePage was cancelled at 0.1 s but threw at \(outcome.elapsed.seconds) of virtual time; expected at once.")
        time.settle()
        let kept = service.log.keptRunning(after: .milliseconds(100))
        expect(kept.isEmpty, "after the caller was cancelled at 0.1 s, \(kept.map(\.label).joined(separator: ", ")) ran on to the end instead of being cancelled; expected every call in flight to be cancelled.")
        let later = service.log.calls.filter { $0.start > .milliseconds(100) }.map(\.label)
        expect(later.isEmpty, "after the caller was cancelled at 0.1 s, \(later.joined(separator: " and ")) \(later.count == 1 ? "was" : "were") still requested; expected nothing new once the caller has gone.")
    }

    func test_cancellation_duringLoadsCancelsBoth() throws {
        let time = VirtualTime()
        let service = FakeAccounts(clock: time.clock, signIn: .ok(after: .milliseconds(100)), preferences: .ok(after: .milliseconds(400)), recommendations: .ok(after: .milliseconds(400)))
        let outcome = time.run(cancelAt: .milliseconds(200)) { try await loadHomePage(ada, service: service) }
        try outcome.requireFinished("loadHomePage cancelled at 0.2 s")
        time.settle()
        let kept = service.log.keptRunning(after: .milliseconds(200))
        expect(kept.isEmpty, "the caller was cancelled at 0.2 s, while the page was loading, but \(kept.map(\.label).joined(separator: " and ")) ran on to the end; expected both loads to be cancelled at 0.2 s.")
        if let page = outcome.value {
            XCTFail("loadHomePage, cancelled at 0.2 s, returned a page (theme \"\(page.preferences.theme)\", \(page.recommendations.count) recommendation(s)); expected CancellationError: a fallback stands in for a failed load, not for a caller who has gone away. Check for cancellation before falling back.")
        } else if let error = outcome.error, !(error is CancellationError) {
            XCTFail("loadHomePage, cancelled at 0.2 s, threw \(describe(error)); expected CancellationError.")
        }
    }

    func test_cancellation_whileOnlyRecommendationsLoadThrowsCancellationError() throws {
        let time = VirtualTime()
        let service = FakeAccounts(clock: time.clock, signIn: .ok(after: .milliseconds(100)), preferences: .ok(after: .milliseconds(100)), recommendations: .ok(after: .milliseconds(400)))
        let outcome = time.run(cancelAt: .milliseconds(300)) { try await loadHomePage(ada, service: service) }
        let error = try outcome.requireError("loadHomePage cancelled at 0.3 s while only recommendations load")
        expect(error is CancellationError, "loadHomePage, cancelled at 0.3 s while only the recommendations were still loading, threw \(describe(error)); expected CancellationError: a fallback stands in for a failed load, not for a caller who has gone away.")
    }

}
