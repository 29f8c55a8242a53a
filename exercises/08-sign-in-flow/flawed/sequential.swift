// expect: fail concurrency
import Foundation
import InterviewKit

// Intent: sign in, then load preferences, then recommendations, each with a fallback
// (standard preferences, no recommendations) unless the caller was cancelled.

func loadHomePage(_ credentials: Credentials, service: some AccountService) async throws -> HomePage {
    let session = try await service.signIn(credentials)
    let preferences: Preferences
    do {
        preferences = try await service.preferences(for: session)
    } catch {
        try Task.checkCancellation()
        preferences = .standard
    }
    // Starts only after preferences have arrived, although it does not need them.
    let recommendations: [String]
    do {
        recommendations = try await service.recommendations(for: session)
    } catch {
        try Task.checkCancellation()
        recommendations = []
    }
    return HomePage(session: session, preferences: preferences, recommendations: recommendations)
}
