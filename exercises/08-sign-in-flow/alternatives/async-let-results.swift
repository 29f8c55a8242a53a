import Foundation
import InterviewKit

// Intent: sign-in comes first because both loads need its session; if it fails, its error is
// thrown and nothing else is requested. After that the two loads run concurrently with async let,
// each captured as a Result so a failure does not throw past the other load. Before picking the
// fallbacks (standard preferences, empty recommendations) I check for cancellation: a caller who
// has gone away gets CancellationError, and leaving the scope cancels any load still in flight.

/// Signs in, then loads preferences and recommendations side by side.
func loadHomePage(_ credentials: Credentials, service: some AccountService) async throws -> HomePage {
    let session = try await service.signIn(credentials)
    async let preferences = outcome { try await service.preferences(for: session) }
    async let recommendations = outcome { try await service.recommendations(for: session) }
    let (loadedPreferences, loadedRecommendations) = await (preferences, recommendations)
    // The fallbacks stand in for failed loads, never for a cancelled caller.
    try Task.checkCancellation()
    return HomePage(
        session: session,
        preferences: (try? loadedPreferences.get()) ?? .standard,
        recommendations: (try? loadedRecommendations.get()) ?? [])
}

/// The outcome of `load` as a value, so one failure does not cut the other load short.
private func outcome<T: Sendable>(_ load: () async throws -> T) async -> Result<T, any Error> {
    do {
        return .success(try await load())
    } catch {
        return .failure(error)
    }
}
