// expect: fail cancellation
import Foundation
import InterviewKit

// Intent: sign in first, then load preferences and recommendations concurrently with
// async let, each falling back to its default if it fails.

func loadHomePage(_ credentials: Credentials, service: some AccountService) async throws -> HomePage {
    let session = try await service.signIn(credentials)
    // `try?` also turns a cancelled load into a default, so a cancelled caller gets a page.
    async let preferences = (try? await service.preferences(for: session)) ?? .standard
    async let recommendations = (try? await service.recommendations(for: session)) ?? []
    return HomePage(session: session, preferences: await preferences, recommendations: await recommendations)
}
