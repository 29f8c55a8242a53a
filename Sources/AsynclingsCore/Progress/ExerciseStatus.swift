/// Where a learner stands on one exercise; the raw values are what state.json and `list --json` hold.
public enum ExerciseStatus: String, Codable, Sendable, CaseIterable, CustomStringConvertible {
    /// Never checked.
    case notStarted = "not-started"
    /// Checked, not passed yet.
    case inProgress = "in-progress"
    /// Every hidden test passed once.
    case passed

    /// The raw value, as written in files and messages.
    public var description: String { rawValue }
}
