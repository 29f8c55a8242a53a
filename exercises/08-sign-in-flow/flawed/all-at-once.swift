// expect: fail concurrency errors
import Foundation
import InterviewKit

// Intent: start all three calls at once with async let so the page loads as fast as the
// slowest call; preferences and recommendations fall back to defaults if they fail.

func loadHomePage(_ credentials: Credentials, service: some AccountService) async throws -> HomePage {
    // Guesses the session instead of waiting for the one sign-in returns.
    let guessed = Session(token: credentials.user)
    async let session = service.signIn(credentials)
    async let preferences = fallback(Preferences.standard) { try await service.preferences(for: guessed) }
    async let recommendations = fallback([String]()) { try await service.recommendations(for: guessed) }
    return HomePage(session: try await session, preferences: try await preferences, recommendations: try await recommendations)
}

func fallback<T: Sendable>(_ value: T, _ load: () async throws -> T) async throws -> T {
    do {
        return try await load()
    } catch {
        try Task.checkCancellation()
        return value
    }
}
