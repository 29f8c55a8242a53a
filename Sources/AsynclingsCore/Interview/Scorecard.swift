/// The result of one mock interview, kept in the state file and shown by `review`.
public struct Scorecard: Codable, Sendable, Equatable {
    /// The exercise.
    public var exercise: String
    /// When it started (seconds since 1970).
    public var startedAt: Double
    /// Minutes allowed.
    public var minutes: Int
    /// Seconds used.
    public var secondsUsed: Double
    /// Checks run.
    public var attempts: Int
    /// Hints taken.
    public var hints: Int
    /// The intent the candidate typed first.
    public var intent: String
    /// How it ended: passed, time-up or stopped.
    public var ending: String
    /// Points out of 100: share of tests passed, less 10 per hint, less 10 if not interview-ready.
    public var points: Int
    /// The last report, with the typed intent reviewed in its checklist.
    public var report: Report?

    enum CodingKeys: String, CodingKey {
        case exercise, minutes, attempts, hints, intent, ending, points, report
        case startedAt = "started_at", secondsUsed = "seconds_used"
    }

    /// Points for a final report and the hints taken.
    static func points(report: Report?, hints: Int) -> Int {
        guard let report else { return 0 }
        var points = Int((report.score * 100).rounded()) - 10 * hints
        if report.passed && !report.interviewReady { points -= 10 }
        return max(0, min(100, points))
    }
}
