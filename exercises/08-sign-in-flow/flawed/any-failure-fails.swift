// expect: fail errors
import Foundation
import InterviewKit

// Intent: sign in first, then load preferences and recommendations concurrently with
// async let; any error is thrown to the caller.

func loadHomePage(_ credentials: Credentials, service: some AccountService) async throws -> HomePage {
    let session = try await service.signIn(credentials)
    async let preferences = service.preferences(for: session)
    async let recommendations = service.recommendations(for: session)
    // A failed load fails the whole page: no fallback.
    return HomePage(session: session, preferences: try await preferences, recommendations: try await recommendations)
}
