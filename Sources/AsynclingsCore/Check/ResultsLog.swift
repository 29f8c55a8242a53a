import Foundation

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

    /// Records by test name.
    private(set) var entries: [String: Entry] = [:]
    /// The test that started and did not end, if any.
    private(set) var unfinishedTest: String?
    /// Whether the run reached its end.
    private(set) var completed = false
    /// The latency measurement, if a test recorded one.
    private(set) var latency: (seconds: Double, requests: Int?, each: Double?)?

    /// Parses the channel's lines; unreadable lines are ignored.
    init(data: Data) {
        for line in data.split(separator: 0x0A) {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                  let event = object["event"] as? String else { continue }
            let test = object["test"] as? String ?? ""
            switch event {
            case "start":
                entries[test, default: Entry()].started = true
                entries[test]?.outputStart = object["output"] as? Int ?? -1
                unfinishedTest = test
            case "fail":
                entries[test, default: Entry()].messages.append(object["message"] as? String ?? "failed")
            case "end":
                entries[test, default: Entry()].ended = true
                entries[test]?.passed = object["passed"] as? Bool ?? false
                entries[test]?.outputEnd = object["output"] as? Int ?? -1
                if unfinishedTest == test { unfinishedTest = nil }
            case "latency":
                if let seconds = object["seconds"] as? Double {
                    latency = (seconds, object["requests"] as? Int, object["each_seconds"] as? Double)
                }
            case "done":
                completed = true
            default:
                break
            }
        }
    }
}
