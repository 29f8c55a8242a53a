import Foundation

/// How much a review note matters to an interviewer.
public enum ReviewSeverity: String, Codable, Sendable {
    /// A misstep that defeats the point of the exercise.
    case essential
    /// A real problem worth fixing before calling the answer done.
    case actionable
    /// Worth a thought; may be right in context.
    case informative
}

/// One common misstep found in the learner's source, with the line it is on.
public struct ReviewNote: Codable, Equatable, Sendable {
    /// The rule, such as `sequential-await-in-loop`.
    public let rule: ReviewRule
    /// The 1-based line in the learner's file.
    public let line: Int
    /// How much the note matters.
    public let severity: ReviewSeverity
    /// What was found and what to do instead, in plain sentences.
    public let message: String

    /// Makes a note.
    public init(rule: ReviewRule, line: Int, severity: ReviewSeverity, message: String) {
        self.rule = rule
        self.line = line
        self.severity = severity
        self.message = message
    }
}

/// Which rules an exercise turns on or off.
public struct ReviewSettings: Sendable, Equatable {
    /// The exercise wants loop iterations to run concurrently (turns on `sequential-await-in-loop`).
    public var parallel: Bool
    /// The exercise asks for a concurrency limit (turns on `unbounded-group`).
    public var limit: Bool
    /// The exercise hands the learner a clock to wait on (turns on `real-clock`).
    public var clock: Bool
    /// Rules that are right for this exercise and must not be reported.
    public var off: Set<ReviewRule>
    /// The exercise migrates away from Dispatch, threads and locks (turns on `legacy-sync`).
    public var legacy = false
    /// Rules whose presence fails the check (their notes are essential).
    public var forbidden: Set<ReviewRule> = []

    /// Makes settings; by default only the rules that need no switch are on.
    public init(parallel: Bool = false, limit: Bool = false, clock: Bool = false, off: Set<ReviewRule> = []) {
        self.parallel = parallel
        self.limit = limit
        self.clock = clock
        self.off = off
    }

    /// The settings of `exercise`: its `review` switches, and `clock` when its starter takes a `Clock`.
    public init(for exercise: Exercise) {
        let starter = (try? String(contentsOf: exercise.starterFile, encoding: .utf8)) ?? ""
        self.init(
            parallel: exercise.review.parallel, limit: exercise.review.limit,
            clock: ClockRules.takesClock(starter), off: Set(exercise.review.off))
        legacy = exercise.review.legacy
        forbidden = Set(exercise.review.forbidden)
    }
}
