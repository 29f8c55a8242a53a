/// The result of one check, in the stable shape of `--json` (format 1, SPEC.md "The report").
public struct Report: Codable, Sendable, Equatable {
    /// The overall outcome.
    public enum Verdict: String, Codable, Sendable {
        case pass, fail
        case compileError = "compile-error"
        case crash, timeout
    }

    /// The five test categories, in report order.
    public static let categoryOrder = ["correctness", "concurrency", "errors", "cancellation", "resources"]

    /// Passed and total tests in one category.
    public struct Score: Codable, Sendable, Equatable {
        /// Tests that passed.
        public var passed: Int
        /// Tests in the category.
        public var total: Int
    }

    /// One hidden test's outcome.
    public struct TestResult: Codable, Sendable, Equatable {
        /// How a test ended.
        public enum Status: String, Codable, Sendable {
            case pass, fail, crash, timeout
            case notRun = "not-run"
        }
        /// The test's name.
        public var name: String
        /// Its category.
        public var category: String
        /// How it ended.
        public var status: Status
        /// The teaching message (empty on a pass).
        public var message: String
        /// What the learner's code printed during the test, capped; only when it failed.
        public var output: String?
    }

    /// One checklist question and its answer.
    public struct ChecklistItem: Codable, Sendable, Equatable {
        /// Met, missed, or not applicable.
        public enum Status: String, Codable, Sendable {
            case met, missed
            case notApplicable = "not-applicable"
        }
        /// The interviewer's question, in report order; the raw values are the ids in the JSON.
        public enum ID: String, Codable, Sendable, CaseIterable, CustomStringConvertible {
            /// Was the plan stated first, naming the exercise's key ideas?
            case intent
            /// Does the work run side by side (or in order) as asked?
            case concurrency
            /// Do errors and cancellation behave as specified?
            case errorSemantics = "error-semantics"
            /// Is the virtual latency the best possible?
            case latency
            /// Are data races ruled out?
            case races
            /// Is nothing left running, and do limits hold?
            case resources

            /// The id, as written in reports.
            public var description: String { rawValue }
        }
        /// Which question this answers.
        public var id: ID
        /// The answer.
        public var status: Status
        /// The evidence, in a sentence.
        public var note: String
    }

    /// Measured virtual latency against the best possible.
    public struct Latency: Codable, Sendable, Equatable {
        /// Virtual seconds the learner's code took.
        public var virtualSeconds: Double
        /// The best possible.
        public var bestSeconds: Double
        /// Requests in the measurement, if known.
        public var requests: Int?
        /// Latency of each request, if all were equal.
        public var eachSeconds: Double?

        enum CodingKeys: String, CodingKey {
            case virtualSeconds = "virtual_seconds", bestSeconds = "best_seconds"
            case requests, eachSeconds = "each_seconds"
        }
    }

    /// A compiler message about the learner's file.
    public struct Diagnostic: Codable, Sendable, Equatable {
        /// Line in the learner's file (0 when the message is about the hidden tests' use of it).
        public var line: Int
        /// Column.
        public var column: Int
        /// error, warning or note.
        public var severity: String
        /// The compiler's words.
        public var message: String
        /// The source line and the compiler's caret line under it, when it printed them.
        public var excerpt: String? = nil
        /// What a common concurrency error means and the usual fix, in a sentence.
        public var explanation: String? = nil
    }

    /// Where the time went.
    public struct Timing: Codable, Sendable, Equatable {
        /// Compiling and linking.
        public var compileSeconds: Double
        /// Running the suite.
        public var runSeconds: Double

        enum CodingKeys: String, CodingKey {
            case compileSeconds = "compile_seconds", runSeconds = "run_seconds"
        }
    }

    /// Always 1.
    public var format = 1
    /// The exercise's name.
    public var exercise: String
    /// The learner's file, as given.
    public var file: String
    /// The overall outcome.
    public var verdict: Verdict
    /// Every test passes, intent stated and complete, no essential or actionable note left.
    public var interviewReady: Bool
    /// Scores by category.
    public var categories: [String: Score]
    /// Every hidden test.
    public var tests: [TestResult]
    /// The interviewer's six questions.
    public var checklist: [ChecklistItem]
    /// Missteps found in the source.
    public var review: [ReviewNote]
    /// Virtual latency, where measured.
    public var latency: Latency?
    /// Compiler messages.
    public var diagnostics: [Diagnostic]
    /// Where the time went.
    public var timing: Timing
    /// What ended the run early (crash or time-out), in words, with what the runtime printed.
    public var failureDetail: String?
    /// How much of the test binary's fence held, as it reported: `filesystem`, `signals`,
    /// `processes`, `network`, `capabilities` ("full"/"partial"/"none", "own process"/"open", …).
    public var sandbox: [String: String]?
    /// Who ran when in the drawn test, beside the best run; absent where no test is drawn.
    public var timeline: Timeline?

    enum CodingKeys: String, CodingKey {
        case format, exercise, file, verdict, categories, tests, checklist, review, latency, diagnostics, timing, timeline
        case interviewReady = "interview_ready"
        case failureDetail = "failure_detail"
        case sandbox
    }

    /// Whether the fence was weaker than usual (the report says so).
    public var sandboxPartial: Bool {
        guard let sandbox else { return false }
        return sandbox["filesystem"] != "full" || sandbox["signals"] == "open" || sandbox["processes"] == "open"
    }

    /// Whether every hidden test passed.
    public var passed: Bool { verdict == .pass }

    /// Tests passed out of all tests, for best-score bookkeeping.
    public var score: Double {
        tests.isEmpty ? 0 : Double(tests.filter { $0.status == .pass }.count) / Double(tests.count)
    }
}

extension Report {
    /// Encodes every field of format 1, with `latency` as `null` when not measured.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(format, forKey: .format)
        try container.encode(exercise, forKey: .exercise)
        try container.encode(file, forKey: .file)
        try container.encode(verdict, forKey: .verdict)
        try container.encode(interviewReady, forKey: .interviewReady)
        try container.encode(categories, forKey: .categories)
        try container.encode(tests, forKey: .tests)
        try container.encode(checklist, forKey: .checklist)
        try container.encode(review, forKey: .review)
        try container.encode(latency, forKey: .latency)
        try container.encode(diagnostics, forKey: .diagnostics)
        try container.encode(timing, forKey: .timing)
        try container.encodeIfPresent(failureDetail, forKey: .failureDetail)
        try container.encodeIfPresent(sandbox, forKey: .sandbox)
        try container.encodeIfPresent(timeline, forKey: .timeline)
    }
}
