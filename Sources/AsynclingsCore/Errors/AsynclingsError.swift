/// An error a user can meet: what went wrong, what to do, and the exit code it maps to.
///
/// A failing solution is not an error: it is a report with exit code 1.
public enum AsynclingsError: Error, Equatable, Sendable {
    /// Bad command-line input or an unknown exercise: exit 2.
    case usage(String, fix: String)
    /// The tool could not do its job (no toolchain, unreadable catalog): exit 3.
    case toolFailure(String, fix: String)

    /// The process exit code (SPEC.md).
    public var exitCode: Int32 {
        switch self {
        case .usage: return 2
        case .toolFailure: return 3
        }
    }

    /// The message printed on standard error.
    public var message: String {
        switch self {
        case .usage(let what, let fix), .toolFailure(let what, let fix):
            return "error: \(what)\n\(fix)"
        }
    }
}
