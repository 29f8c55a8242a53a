/// What a user signs in with (exercise `sign-in-flow`).
public struct Credentials: Sendable {
    /// The user name.
    public let user: String
    /// The password.
    public let password: String
    /// Creates credentials.
    public init(user: String, password: String) {
        self.user = user
        self.password = password
    }
}

/// A signed-in session.
public struct Session: Sendable, Equatable {
    /// The session token.
    public let token: String
    /// Creates a session.
    public init(token: String) { self.token = token }
}

/// A user's display preferences.
public struct Preferences: Sendable, Equatable {
    /// The colour theme.
    public let theme: String
    /// Creates preferences.
    public init(theme: String) { self.theme = theme }
    /// What to show when a user's preferences cannot be loaded.
    public static let standard = Preferences(theme: "standard")
}

/// Everything the home page shows.
public struct HomePage: Sendable, Equatable {
    /// The signed-in session.
    public let session: Session
    /// The user's preferences.
    public let preferences: Preferences
    /// Recommended items.
    public let recommendations: [String]
    /// Creates a page.
    public init(session: Session, preferences: Preferences, recommendations: [String]) {
        self.session = session
        self.preferences = preferences
        self.recommendations = recommendations
    }
}

/// The account back end.
public protocol AccountService: Sendable {
    /// Signs in and returns a session.
    func signIn(_ credentials: Credentials) async throws -> Session
    /// Loads the user's preferences.
    func preferences(for session: Session) async throws -> Preferences
    /// Loads recommendations for the user.
    func recommendations(for session: Session) async throws -> [String]
}
