/// The contract of the results channel, compiled into both ends: the harness in the test
/// binary, which writes it, and the tutor, which reads it. It says nothing about how lines
/// travel (today a pipe on a file descriptor the tutor hands over), only what they are.
///
/// A line is `<16 hex digits> <JSON object>\n`. The digits are FNV-1a over the run's secret,
/// the JSON and the secret again; the JSON carries `event` and a sequence number `seq` that only
/// increases. The tutor keeps only lines whose digest matches and whose `seq` is higher than
/// the last one kept.
public enum ResultsFormat {
    /// The descriptor the test binary writes its sealed lines to.
    public static let resultsDescriptor: Int32 = 3
    /// The descriptor the test binary reads the run's secret from, once, at start-up.
    public static let secretDescriptor: Int32 = 4
    /// The secret's length in bytes.
    public static let secretLength = 32

    /// Environment variables the tutor sets for the test binary (none of them secret).
    public enum Variable {
        /// The child's memory limit in MiB.
        public static let memory = "ASYNCLINGS_MEMORY_MB"
        /// The limit on the child's output file in KiB.
        public static let output = "ASYNCLINGS_OUTPUT_KB"
        /// The tutor's process id; the child dies when the tutor does.
        public static let tutor = "ASYNCLINGS_TUTOR_PID"
        /// The run folder, the child's working folder: a relative path the code under test
        /// writes to lands there, never in the learner's workspace.
        public static let folder = "ASYNCLINGS_RUN_FOLDER"
        /// Comma-separated tests to run; absent means all of them.
        public static let only = "ASYNCLINGS_ONLY"
        /// The one test whose calls are drawn as a timeline; absent means none is drawn.
        public static let timeline = "ASYNCLINGS_TIMELINE"
    }

    /// What a line reports.
    public enum Event: String, Sendable {
        /// A test started (`test`, `output`: the size of standard output so far).
        case start
        /// A test recorded a failure (`test`, `message`).
        case fail
        /// A test ended (`test`, `passed`, `output`).
        case end
        /// A test measured its virtual latency (`seconds`, `requests`, `each_seconds`).
        case latency
        /// What the test binary's fence could set up (`filesystem`, `signals`: "full", "partial" or "none").
        case sandbox
        /// One call of a fake in the drawn test (`test`, `lane`, `start_ms`, `end_ms`, `outcome`:
        /// a `SpanOutcome`), sent when the test ends, in the order the calls started.
        case span
        /// The moment the drawn test's call under test finished (`test`, `at_ms`, `threw`).
        case returned
        /// The whole run reached its end.
        case done
        /// The process crashed (`signal`; `addresses`: return addresses of the crashing thread
        /// inside the program's own image; `image`: its first and end address and the address its
        /// file is mapped at). Written by a signal handler, numbered `crashSequence`.
        case crash
    }

    /// How a drawn call ended.
    public enum SpanOutcome: String, Sendable, Codable, CaseIterable {
        /// It returned.
        case ok
        /// It threw an error other than cancellation.
        case failed
        /// It ended by cancellation.
        case cancelled
        /// It had not ended when the test did (`end_ms` is the time the test stopped watching).
        case running
    }
    /// The number of a `crash` line: a signal handler cannot take the lock that numbers the
    /// others, and a crash line is the last a run writes. The largest integer JSON keeps exact.
    public static let crashSequence = 9_007_199_254_740_991

    /// The digest that seals `json` with `secret`.
    public static func digest(json: some Sequence<UInt8>, secret: [UInt8]) -> UInt64 {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ bytes: some Sequence<UInt8>) {
            for byte in bytes { value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        }
        mix(secret)
        mix(json)
        mix(secret)
        return value
    }

    /// The sealed line for `json`, newline included.
    public static func seal(json: [UInt8], secret: [UInt8]) -> [UInt8] {
        Array(hex(digest(json: json, secret: secret)).utf8) + [0x20] + json + [0x0A]
    }

    /// The JSON of a sealed line (without its newline) when its digest matches, else nil.
    public static func unseal(_ line: [UInt8], secret: [UInt8]) -> ArraySlice<UInt8>? {
        guard let space = line.firstIndex(of: 0x20) else { return nil }
        let json = line[(space + 1)...]
        guard String(decoding: line[..<space], as: UTF8.self) == hex(digest(json: json, secret: secret)) else { return nil }
        return json
    }

    /// Sixteen hex digits.
    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
