import ResultsFormat

extension Report {
    /// Who ran when in the drawn test, in virtual time, beside the reference's run of the same
    /// test (`timeline` in format 1; absent for exercises that draw no test).
    public struct Timeline: Codable, Sendable, Equatable {
        /// One call of a fake: its lane (a URL, a job, an item), start, end and how it ended.
        public struct Span: Codable, Sendable, Equatable {
            /// The row it is drawn on.
            public var lane: String
            /// When it started, in virtual milliseconds.
            public var startMs: Double
            /// When it ended; for a call still running, when the test stopped watching.
            public var endMs: Double
            /// ok, failed, cancelled or running.
            public var outcome: ResultsFormat.SpanOutcome

            /// Creates a span.
            public init(lane: String, startMs: Double, endMs: Double, outcome: ResultsFormat.SpanOutcome) {
                self.lane = lane
                self.startMs = startMs
                self.endMs = endMs
                self.outcome = outcome
            }

            enum CodingKeys: String, CodingKey {
                case lane, outcome
                case startMs = "start_ms", endMs = "end_ms"
            }
        }

        /// One run of the drawn test: its spans and when the call under test finished.
        public struct Run: Codable, Sendable, Equatable {
            /// Every call, in the order they started.
            public var spans: [Span]
            /// When the call under test returned or threw; nil when it never finished.
            public var returnedMs: Double?
            /// Whether it threw.
            public var threw: Bool

            /// Creates a run.
            public init(spans: [Span], returnedMs: Double?, threw: Bool = false) {
                self.spans = spans
                self.returnedMs = returnedMs
                self.threw = threw
            }

            enum CodingKeys: String, CodingKey {
                case spans, threw
                case returnedMs = "returned_ms"
            }

            public func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(spans, forKey: .spans)
                try container.encode(returnedMs, forKey: .returnedMs)
                try container.encode(threw, forKey: .threw)
            }
        }

        /// The test whose run is drawn.
        public var test: String
        /// The answer's run.
        public var run: Run
        /// The reference's run of the same test, when it could be computed.
        public var best: Run?

        /// Creates a timeline.
        public init(test: String, run: Run, best: Run?) {
            self.test = test
            self.run = run
            self.best = best
        }

        enum CodingKeys: String, CodingKey {
            case test, spans, threw, best
            case returnedMs = "returned_ms"
        }

        /// Flat: `{test, spans, returned_ms, threw, best: {spans, returned_ms, threw}}`.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            test = try container.decode(String.self, forKey: .test)
            run = Run(
                spans: try container.decode([Span].self, forKey: .spans),
                returnedMs: try container.decodeIfPresent(Double.self, forKey: .returnedMs),
                threw: try container.decodeIfPresent(Bool.self, forKey: .threw) ?? false)
            best = try container.decodeIfPresent(Run.self, forKey: .best)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(test, forKey: .test)
            try container.encode(run.spans, forKey: .spans)
            try container.encode(run.returnedMs, forKey: .returnedMs)
            try container.encode(run.threw, forKey: .threw)
            try container.encode(best, forKey: .best)
        }

        /// Whether the run is worth showing unasked: the drawn test failed, or it finished
        /// later than the best run did.
        public func deservesAttention(in report: Report) -> Bool {
            if report.tests.contains(where: { $0.name == test && $0.status != .pass }) { return true }
            guard let best, let bestEnd = best.returnedMs else { return false }
            guard let end = run.returnedMs else { return true }
            return end > bestEnd + 0.0005
        }
    }
}
