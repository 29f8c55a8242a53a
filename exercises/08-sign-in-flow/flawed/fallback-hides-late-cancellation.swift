// expect: fail cancellation
import Foundation
import InterviewKit

func loadHomePage(_ credentials: Credentials, service: some AccountService) async throws -> HomePage {
    let session = try await service.signIn(credentials)
    async let preferences = service.preferences(for: session)
    async let recommendations = service.recommendations(for: session)

    let prefs: Preferences
    do {
        prefs = try await preferences
    } catch is CancellationError {
        throw CancellationError()
    } catch {
        prefs = .standard
    }
    // Recommendations are optional: any failure just means no recommendations.
    let recs = (try? await recommendations) ?? []
    return HomePage(session: session, preferences: prefs, recommendations: recs)
}
