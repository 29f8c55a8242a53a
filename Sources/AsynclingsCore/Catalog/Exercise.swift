import Foundation

/// One exercise of the catalog: its folder and what `exercise.json` says about it.
public struct Exercise: Sendable, Equatable {
    /// A key concept an `// Intent:` comment should name, with the words that count as naming it.
    public struct Concept: Codable, Sendable, Equatable {
        /// A short id ("parallel").
        public let id: String
        /// What the concept is, in a few words.
        public let label: String
        /// Words and short phrases that count as naming it, matched by stem (see `IntentWords`).
        public let words: [String]
        /// A phrase that names it, shown when an intent misses it.
        public var example: String?
    }

    /// The exercise's virtual-latency target, where it measures one.
    public struct Latency: Codable, Sendable, Equatable {
        /// The best possible virtual time, in seconds.
        public let bestSeconds: Double

        enum CodingKeys: String, CodingKey { case bestSeconds = "best_seconds" }
    }

    /// Which review rules apply to this exercise.
    public struct ReviewSwitches: Codable, Sendable, Equatable {
        /// The exercise wants loop iterations to run concurrently.
        public var parallel: Bool = false
        /// The exercise asks for a limit on concurrent work.
        public var limit: Bool = false
        /// Rules that are right for this exercise and never reported.
        public var off: [ReviewRule] = []
        /// The exercise migrates away from Dispatch, threads and locks (turns on `legacy-sync`).
        public var legacy: Bool = false
        /// Rules whose presence fails the check: an escape hatch the exercise is about avoiding.
        public var forbidden: [ReviewRule] = []
    }

    /// The position in the catalog, from the folder name (1 for `01-fetch-all`).
    public let number: Int
    /// The slug ("fetch-all").
    public let name: String
    /// The title shown in lists and headers.
    public let title: String
    /// 1 (warm-up) to 3 (senior).
    public let difficulty: Int
    /// The seed ideas it teaches.
    public let seeds: [String]
    /// The key concepts for the intent check.
    public let concepts: [Concept]
    /// The latency target, if measured.
    public let latency: Latency?
    /// Real-time limit for one run of the suite.
    public var timeLimitSeconds: Double
    /// Review rule switches.
    public let review: ReviewSwitches
    /// The tests that catch races (interleaving, actor re-entrancy); the checklist's races item reads them.
    public var raceTests: [String] = []
    /// Whether the starter compiles; false for an exercise about a compile error (then it has a `Stub.swift`).
    public var starterCompiles = true
    /// Whether answer and suite are compiled as one module: for an exercise whose suite cannot be
    /// compiled before the answer (it grades the isolation the learner chooses).
    public var wholeModule = false
    /// Extra compiler flags for the answer and the suite (`-default-isolation MainActor`, …).
    public var compilerFlags: [String] = []
    /// The test whose run is drawn as a timeline, beside the reference's run of it.
    public var timelineTest: String?
    /// A flawed answer and the shape its flaw gives the drawn run (checked by the catalog's tests).
    public var timelineFlaw: TimelineFlaw?
    /// The exercise's folder.
    public let folder: URL

    /// The hidden suite.
    public var testsFile: URL { folder.appendingPathComponent("Tests.swift") }
    /// The learner's starting point.
    public var starterFile: URL { folder.appendingPathComponent("Starter.swift") }
    /// The declarations the suite is compiled against: `Stub.swift` where the exercise has one
    /// (a starter that does not compile, or one with more than the interface), else the starter.
    public var stubFile: URL {
        let stub = folder.appendingPathComponent("Stub.swift")
        return FileManager.default.fileExists(atPath: stub.path) ? stub : starterFile
    }
    /// The reference answer.
    public var referenceFile: URL { folder.appendingPathComponent("Reference.swift") }
    /// The interviewer's prompt and rules.
    public var promptFile: URL { folder.appendingPathComponent("README.md") }
    /// Progressive hints, separated by `---` lines.
    public var hintsFile: URL { folder.appendingPathComponent("hints.md") }
    /// What a strong candidate says.
    public var narrationFile: URL { folder.appendingPathComponent("narration.md") }
    /// Known-wrong answers.
    public var flawedFolder: URL { folder.appendingPathComponent("flawed") }

    /// The interviewer's words: the quoted lines of the README, joined (the title if none).
    public var interviewerQuote: String {
        let text = (try? String(contentsOf: promptFile, encoding: .utf8)) ?? ""
        let quote = text.split(separator: "\n").filter { $0.hasPrefix(">") }.map { $0.dropFirst(2) }.joined(separator: " ")
        return quote.isEmpty ? title : quote
    }
}

/// A flawed answer whose drawn run must differ from the best in a named way.
public struct TimelineFlaw: Codable, Sendable, Equatable {
    /// The file in `flawed/`.
    public let file: String
    /// What its spans show (`TimelineShape`): staircase, leak, waves, later, extra or missing.
    public let shape: String
}

/// The shape of `exercise.json`.
struct ExerciseManifest: Codable {
    let name: String
    let title: String
    let difficulty: Int
    let seeds: [String]?
    let concepts: [Exercise.Concept]?
    let latency: Exercise.Latency?
    let timeLimitSeconds: Double?
    let review: Exercise.ReviewSwitches?
    let raceTests: [String]?
    let starterCompiles: Bool?
    let check: String?
    let compilerFlags: [String]?
    let timelineTest: String?
    let timelineFlaw: TimelineFlaw?

    enum CodingKeys: String, CodingKey {
        case name, title, difficulty, seeds, concepts, latency, review
        case timeLimitSeconds = "time_limit_seconds", raceTests = "race_tests", starterCompiles = "starter_compiles"
        case check, compilerFlags = "compiler_flags"
        case timelineTest = "timeline_test", timelineFlaw = "timeline_flaw"
    }
}

extension Exercise.ReviewSwitches {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        parallel = try container.decodeIfPresent(Bool.self, forKey: .parallel) ?? false
        limit = try container.decodeIfPresent(Bool.self, forKey: .limit) ?? false
        off = try container.decodeIfPresent([ReviewRule].self, forKey: .off) ?? []
        legacy = try container.decodeIfPresent(Bool.self, forKey: .legacy) ?? false
        forbidden = try container.decodeIfPresent([ReviewRule].self, forKey: .forbidden) ?? []
    }
}
