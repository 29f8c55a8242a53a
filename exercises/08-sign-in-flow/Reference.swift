import Foundation
import InterviewKit

// Intent: the two loads need the session, so sign-in comes first and its failure is thrown
// before anything else is requested. Preferences and recommendations depend only on the
// session, not on each other, so they then run concurrently with async let: the page takes
// signIn + max(preferences, recommendations). Each load has a fallback (standard
// preferences, no recommendations) so one failed load does not fail the page, but a fallback
// never hides cancellation: a cancelled caller cancels the loads in flight and gets
// CancellationError, not a page of defaults.

/// Signs in, then loads preferences and recommendations side by side.
func loadHomePage(_ credentials: Credentials, service: some AccountService) async throws -> HomePage {
    // Step 1: everything else needs the session; a failure here fails the page.
    let session = try await service.signIn(credentials)

    // Step 2: two independent loads, started together as child tasks.
    async let preferences = orFallback(Preferences.standard) {
        try await service.preferences(for: session)
    }
    async let recommendations = orFallback([String]()) {
        try await service.recommendations(for: session)
    }
    // If the caller is cancelled while we wait here, both children are cancelled with it.
    return HomePage(session: session, preferences: try await preferences, recommendations: try await recommendations)
}

/// Runs `load`; if it fails, returns `fallback`, unless the task was cancelled, which is rethrown.
private func orFallback<T: Sendable>(_ fallback: T, _ load: () async throws -> T) async throws -> T {
    do {
        return try await load()
    } catch {
        try Task.checkCancellation()
        return fallback
    }
}
