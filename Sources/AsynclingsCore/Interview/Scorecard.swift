/// The result of one mock interview, kept in the state file and shown by `review`.
public struct Scorecard: Codable, Sendable, Equatable {
    /// How an interview ended; the raw values are what state.json holds.
    public enum Ending: String, Codable, Sendable, CaseIterable, CustomStringConvertible {
        /// Every hidden test passed.
        case passed
        /// The countdown reached zero.
        case timeUp = "time-up"
        /// The candidate ended it (or the input ran out).
        case stopped

        /// The raw value, as written in files and messages.
        public var description: String { rawValue }
    }

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
    public var ending: Ending
    /// Points out of 100: share of tests passed, less 10 per hint, less 10 if not interview-ready.
    public var points: Int
    /// The last report, with the typed intent reviewed in its checklist.
    public var report: Report?

    enum CodingKeys: String, CodingKey {
        case exercise, minutes, attempts, hints, intent, ending, points, report
        case startedAt = "started_at", secondsUsed = "seconds_used"
    }

    /// Makes a scorecard.
    public init(exercise: String, startedAt: Double, minutes: Int, secondsUsed: Double, attempts: Int, hints: Int,
                intent: String, ending: Ending, points: Int, report: Report?) {
        self.exercise = exercise
        self.startedAt = startedAt
        self.minutes = minutes
        self.secondsUsed = secondsUsed
        self.attempts = attempts
        self.hints = hints
        self.intent = intent
        self.ending = ending
        self.points = points
        self.report = report
    }

    /// Reads a scorecard; an ending the tutor never writes is noted (see `StateNotes`) and read as stopped.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        exercise = try c.decode(String.self, forKey: .exercise)
        startedAt = try c.decode(Double.self, forKey: .startedAt)
        minutes = try c.decode(Int.self, forKey: .minutes)
        secondsUsed = try c.decode(Double.self, forKey: .secondsUsed)
        attempts = try c.decode(Int.self, forKey: .attempts)
        hints = try c.decode(Int.self, forKey: .hints)
        intent = try c.decode(String.self, forKey: .intent)
        let text = try c.decode(String.self, forKey: .ending)
        points = try c.decode(Int.self, forKey: .points)
        report = try c.decodeIfPresent(Report.self, forKey: .report)
        ending = Ending(rawValue: text) ?? .stopped
        if Ending(rawValue: text) == nil {
            StateNotes.of(decoder)?.add("\(StateNotes.path(c.codingPath, CodingKeys.ending)) \"\(text)\" is unknown (now stopped)")
        }
    }

    /// Points for a final report and the hints taken.
    static func points(report: Report?, hints: Int) -> Int {
        guard let report else { return 0 }
        var points = Int((report.score * 100).rounded()) - 10 * hints
        if report.passed && !report.interviewReady { points -= 10 }
        return max(0, min(100, points))
    }
}
