import Foundation

/// Everything the tutor remembers about a workspace (`practice/.asynclings/state.json`).
public struct ProgressState: Codable, Sendable, Equatable {
    /// Where a learner stands on one exercise.
    public struct ExerciseProgress: Codable, Sendable, Equatable {
        /// Not started, in progress or passed.
        public var status: ExerciseStatus = .notStarted
        /// Checks run.
        public var attempts = 0
        /// Best share of tests passed, 0…1.
        public var bestScore = 0.0
        /// Hints shown so far.
        public var hintsShown = 0
        /// Seconds spent in practice or interview on this exercise.
        public var secondsSpent = 0.0
        /// Whether the reference solution was shown.
        public var solutionRevealed = false
        /// Whether it was shown with --force before a pass.
        public var solutionForced = false
        /// The last report.
        public var lastReport: Report?
        /// When the learner last did something on this exercise (Unix seconds).
        public var lastActive: Double?
        /// The fingerprint of the hidden suite the last recorded check ran against (see
        /// `Exercise.suiteFingerprint`); nil in state written before suites were fingerprinted.
        public var suite: String?

        enum CodingKeys: String, CodingKey {
            case status, attempts
            case bestScore = "best_score", hintsShown = "hints_shown", secondsSpent = "seconds_spent"
            case solutionRevealed = "solution_revealed", solutionForced = "solution_forced"
            case lastReport = "last_report", lastActive = "last_active", suite
        }

        /// Whether the exercise passed under a hidden suite other than `current`, or before suites
        /// were fingerprinted: it is shown as such and checked again when opened in practice.
        public func passedUnderEarlierSuite(current: String?) -> Bool {
            status == .passed && current != nil && suite != current
        }

        /// The longest gap between two activities that counts as time spent: a screen left
        /// open overnight is not practice.
        public static let longestCountedGap = 600.0

        /// Adds the time since the last activity (at most `longestCountedGap`) and marks `now`.
        /// Opening an exercise passes `counting: false`: the gap before a new sitting is not practice.
        public mutating func touch(at now: Date, counting: Bool = true) {
            let seconds = now.timeIntervalSince1970
            if counting, let last = lastActive, seconds > last {
                secondsSpent += min(seconds - last, Self.longestCountedGap)
            }
            lastActive = seconds
        }

        /// Creates an untouched record.
        public init() {}

        /// Reads a record; a value of the wrong type is dropped (and noted, see `StateNotes`)
        /// rather than making the whole file unreadable.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let notes = StateNotes.of(decoder)
            status = Self.status(c.lenient(String.self, .status, notes: notes), at: StateNotes.path(c.codingPath, CodingKeys.status), notes: notes)
            attempts = c.lenient(Int.self, .attempts, notes: notes) ?? 0
            bestScore = c.lenient(Double.self, .bestScore, notes: notes) ?? 0
            hintsShown = c.lenient(Int.self, .hintsShown, notes: notes) ?? 0
            secondsSpent = c.lenient(Double.self, .secondsSpent, notes: notes) ?? 0
            solutionRevealed = c.lenient(Bool.self, .solutionRevealed, notes: notes) ?? false
            solutionForced = c.lenient(Bool.self, .solutionForced, notes: notes) ?? false
            lastReport = c.lenient(Report.self, .lastReport, notes: notes)
            lastActive = c.lenient(Double.self, .lastActive, notes: notes)
            suite = c.lenient(String.self, .suite, notes: notes)
        }

        /// The status `text` names; a status the tutor never writes is noted and taken as in progress.
        private static func status(_ text: String?, at path: String, notes: StateNotes?) -> ExerciseStatus {
            guard let text else { return .notStarted }
            if let status = ExerciseStatus(rawValue: text) { return status }
            notes?.add("\(path) \"\(text)\" is unknown (now in-progress)")
            return .inProgress
        }
    }

    /// Always 1 for this layout.
    public var formatVersion = 1
    /// The exercise practice opens on.
    public var current: String?
    /// Progress by exercise name.
    public var exercises: [String: ExerciseProgress] = [:]
    /// Mock-interview scorecards, oldest first.
    public var interviews: [Scorecard] = []

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version", current, exercises, interviews
    }

    /// A fresh state.
    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        formatVersion = try c.decode(Int.self, forKey: .formatVersion)
        current = try c.decodeIfPresent(String.self, forKey: .current)
        exercises = try c.decodeIfPresent([String: ExerciseProgress].self, forKey: .exercises) ?? [:]
        interviews = []
        // One unreadable scorecard is dropped, not the whole history.
        if c.contains(.interviews), try !c.decodeNil(forKey: .interviews) {
            var list = try c.nestedUnkeyedContainer(forKey: .interviews)
            while !list.isAtEnd {
                let index = list.currentIndex
                if let card = try? list.decode(Scorecard.self) {
                    interviews.append(card)
                } else {
                    _ = try list.decode(Skipped.self)
                    StateNotes.of(decoder)?.add("interviews.\(index) is not a readable scorecard (dropped)")
                }
            }
        }
    }

    /// Consumes one element of any kind, to step past an unreadable one.
    private struct Skipped: Decodable {
        init(from decoder: any Decoder) throws {}
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(formatVersion, forKey: .formatVersion)
        try c.encode(current, forKey: .current)  // null until an exercise is opened
        try c.encode(exercises, forKey: .exercises)
        try c.encode(interviews, forKey: .interviews)
    }

    /// Counts time on `exercise` up to `now` (see `ExerciseProgress.touch`).
    public mutating func touch(_ exercise: String, at now: Date, counting: Bool = true) {
        exercises[exercise, default: ExerciseProgress()].touch(at: now, counting: counting)
    }

    /// Records a check's report: attempts, best score, status, last report, and the fingerprint of
    /// the suite it ran against. A pass stays a pass, unless it was earned under an earlier suite and
    /// this check, under the current one, fails; the best score restarts when the suite changed.
    public mutating func record(_ report: Report, suite: String? = nil) {
        var progress = exercises[report.exercise] ?? ExerciseProgress()
        let earlierSuite = suite != nil && progress.suite != suite
        progress.attempts += 1
        progress.bestScore = earlierSuite ? report.score : max(progress.bestScore, report.score)
        if report.passed {
            progress.status = .passed
        } else if progress.status != .passed || earlierSuite {
            progress.status = .inProgress
        }
        progress.lastReport = report
        if let suite { progress.suite = suite }
        exercises[report.exercise] = progress
    }
}
