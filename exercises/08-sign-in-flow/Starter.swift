import Foundation
import InterviewKit

// Intent: (say in a sentence or two why your code has the shape it has)

/// Signs in, then loads what the home page shows.
func loadHomePage(_ credentials: Credentials, service: some AccountService) async throws -> HomePage {
    let session = try await service.signIn(credentials)
    let preferences = try await service.preferences(for: session)
    let recommendations = try await service.recommendations(for: session)
    return HomePage(session: session, preferences: preferences, recommendations: recommendations)
}
