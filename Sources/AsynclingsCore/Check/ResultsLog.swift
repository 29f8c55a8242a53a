import Foundation
import ResultsFormat

/// What the test binary wrote to the results channel, read back into per-test outcomes.
struct ResultsLog {
    /// One test's record.
    struct Entry {
        var started = false
        var ended = false
        var passed = false
        var messages: [String] = []
        var outputStart = -1
        var outputEnd = -1
    }

    /// Where the process crashed, as the harness's signal handler recorded it.
    struct Crash {
        /// Return addresses of the crashing thread inside the program's image, innermost first.
        var addresses: [UInt]
        /// The address the program's file was mapped at.
        var base: UInt
        /// The signal.
        var signal: Int
    }

    /// Records by test name.
    private(set) var entries: [String: Entry] = [:]
    /// The test that started and did not end, if any.
    private(set) var unfinishedTest: String?
    /// Whether the run reached its end.
    private(set) var completed = false
    /// What the test binary said of its fence, if it said anything.
    private(set) var sandbox: [String: String]?
    /// The latency measurement, if a test recorded one.
    private(set) var latency: (seconds: Double, requests: Int?, each: Double?)?
    /// The drawn test's calls and return, by test (only the drawn test sends them).
    private(set) var timelines: [String: Report.Timeline.Run] = [:]
    /// The crash the harness recorded, if the process crashed.
    private(set) var crash: Crash?
    /// Lines that were not sealed with this run's secret, or came out of sequence: written by
    /// something other than the harness.
    private(set) var forgedLines = 0

    /// Parses the channel's lines, keeping only those sealed with `secret` (see the harness's
    /// `ResultsSeal`) in increasing sequence; everything else is counted as forged.
    init(data: Data, secret: [UInt8]) {
        var lastSequence = 0
        for line in data.split(separator: 0x0A) {
            guard let json = ResultsFormat.unseal(Array(line), secret: secret),
                  let object = try? JSONSerialization.jsonObject(with: Data(json)) as? [String: Any],
                  let sequence = object["seq"] as? Int, sequence > lastSequence,
                  let event = object["event"] as? String
            else {
                forgedLines += 1
                continue
            }
            lastSequence = sequence
            let test = object["test"] as? String ?? ""
            switch event {
            case ResultsFormat.Event.start.rawValue:
                entries[test, default: Entry()].started = true
                entries[test]?.outputStart = object["output"] as? Int ?? -1
                unfinishedTest = test
            case ResultsFormat.Event.fail.rawValue:
                entries[test, default: Entry()].messages.append(object["message"] as? String ?? "failed")
            case ResultsFormat.Event.end.rawValue:
                entries[test, default: Entry()].ended = true
                entries[test]?.passed = object["passed"] as? Bool ?? false
                entries[test]?.outputEnd = object["output"] as? Int ?? -1
                if unfinishedTest == test { unfinishedTest = nil }
            case ResultsFormat.Event.latency.rawValue:
                if let seconds = object["seconds"] as? Double {
                    latency = (seconds, object["requests"] as? Int, object["each_seconds"] as? Double)
                }
            case ResultsFormat.Event.sandbox.rawValue:
                var fence: [String: String] = [:]
                for (key, value) in object where key != "event" && key != "seq" { fence[key] = "\(value)" }
                sandbox = fence
            case ResultsFormat.Event.span.rawValue:
                guard let lane = object["lane"] as? String, let start = Self.number(object["start_ms"]), let end = Self.number(object["end_ms"]),
                      let outcome = (object["outcome"] as? String).flatMap(ResultsFormat.SpanOutcome.init(rawValue:)) else { break }
                timelines[test, default: .init(spans: [], returnedMs: nil)].spans.append(.init(lane: lane, startMs: start, endMs: max(start, end), outcome: outcome))
            case ResultsFormat.Event.returned.rawValue:
                guard let at = Self.number(object["at_ms"]) else { break }
                timelines[test, default: .init(spans: [], returnedMs: nil)].returnedMs = at
                timelines[test]?.threw = object["threw"] as? Bool ?? false
            case ResultsFormat.Event.crash.rawValue:
                let image = object["image"] as? [Int] ?? []
                crash = Crash(
                    addresses: (object["addresses"] as? [Int] ?? []).map { UInt(bitPattern: $0) },
                    base: image.count == 3 ? UInt(bitPattern: image[2]) : 0, signal: object["signal"] as? Int ?? 0)
            case ResultsFormat.Event.done.rawValue:
                completed = true
            default:
                break
            }
        }
    }

    /// A JSON number as a Double (whole numbers decode as Int).
    private static func number(_ value: Any?) -> Double? {
        if let double = value as? Double { return double }
        if let int = value as? Int { return Double(int) }
        return nil
    }
}
