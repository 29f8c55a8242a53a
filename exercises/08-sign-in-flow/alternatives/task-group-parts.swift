import Foundation
import InterviewKit

// Intent: both loads depend on the session, so sign-in comes first and its error is thrown before
// anything else is asked for. Then preferences and recommendations run concurrently as two child
// tasks of a throwing task group, each reporting its part of the page. Each child falls back on
// failure (standard preferences, no recommendations), but never for cancellation: a cancelled
// child rethrows, and the group then cancels the other load and the page throws
// CancellationError instead of showing defaults.

/// One half of the page, as a child reports it.
private enum Part: Sendable {
    case preferences(Preferences)
    case recommendations([String])
}

/// Signs in, then loads preferences and recommendations side by side.
func loadHomePage(_ credentials: Credentials, service: some AccountService) async throws -> HomePage {
    let session = try await service.signIn(credentials)
    return try await withThrowingTaskGroup(of: Part.self) { group in
        group.addTask {
            .preferences(try await fallingBack(to: .standard) { try await service.preferences(for: session) })
        }
        group.addTask {
            .recommendations(try await fallingBack(to: []) { try await service.recommendations(for: session) })
        }
        var preferences = Preferences.standard
        var recommendations: [String] = []
        for try await part in group {
            switch part {
            case .preferences(let value): preferences = value
            case .recommendations(let value): recommendations = value
            }
        }
        return HomePage(session: session, preferences: preferences, recommendations: recommendations)
    }
}

/// `load()`, or `fallback` when it fails; cancellation is never covered up by the fallback.
private func fallingBack<T: Sendable>(to fallback: T, _ load: () async throws -> T) async throws -> T {
    do {
        return try await load()
    } catch is CancellationError {
        throw CancellationError()
    } catch {
        // A load that failed because its task was cancelled is still a cancellation.
        if Task.isCancelled { throw CancellationError() }
        return fallback
    }
}
