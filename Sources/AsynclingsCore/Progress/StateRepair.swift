import Foundation
import Synchronization

/// Notes on what was wrong with a state file's values, gathered while decoding and repairing
/// it, so the tutor reports them once and never uses them.
final class StateNotes: Sendable {
    /// The key under which a decoder carries the notes.
    static let key = CodingUserInfoKey(rawValue: "asynclings.state-notes")!

    private let notes = Mutex<[String]>([])

    /// Adds a note.
    func add(_ note: String) { notes.withLock { $0.append(note) } }

    /// Every note so far.
    var all: [String] { notes.withLock { $0 } }

    /// The notes a decoder carries, if any.
    static func of(_ decoder: any Decoder) -> StateNotes? { decoder.userInfo[key] as? StateNotes }

    /// Where a value sits in the file, as `exercises.fetch-all.best_score`.
    static func path(_ codingPath: [any CodingKey], _ key: some CodingKey) -> String {
        (codingPath + [key]).map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }
}

extension KeyedDecodingContainer {
    /// The value at `key`, or nil when it is absent or not of the expected type (a string where
    /// a number belongs, "NaN", a number too large for an Int): such a value is dropped and noted.
    func lenient<T: Decodable>(_ type: T.Type, _ key: Key, notes: StateNotes?) -> T? {
        do {
            return try decodeIfPresent(type, forKey: key)
        } catch {
            notes?.add("\(StateNotes.path(codingPath, key)) is not a readable value (dropped)")
            return nil
        }
    }
}

/// The ranges every number in a state file must lie in: what the tutor itself could have written.
/// A value outside is clamped into its range or dropped, and a note says which.
extension ProgressState {
    /// The largest count of checks, hints or tests taken as real.
    static let largestCount = 1_000_000
    /// The most time taken as spent on one exercise: a year.
    static let longestTime = 365 * 86_400.0
    /// The latest moment taken as real (the year 3000, in Unix seconds); no clock is read, so the
    /// repair is the same whenever it runs, and a clock set wrong loses nothing.
    static let latestMoment = 32_503_680_000.0

    /// Clamps or drops every out-of-range value; returns one note per value changed.
    mutating func repair() -> [String] {
        var notes: [String] = []
        let latest = Self.latestMoment
        for name in exercises.keys.sorted() {
            guard var progress = exercises[name] else { continue }
            let at = "exercises.\(name)."
            progress.attempts = Self.clamp(progress.attempts, 0...Self.largestCount, at + "attempts", &notes)
            progress.hintsShown = Self.clamp(progress.hintsShown, 0...1_000, at + "hints_shown", &notes)
            // A score is a claim, not a cost: out of range, it counts as nothing.
            progress.bestScore = Self.clamp(progress.bestScore, 0...1, at + "best_score", &notes, otherwise: 0)
            progress.secondsSpent = Self.clamp(progress.secondsSpent, 0...Self.longestTime, at + "seconds_spent", &notes)
            if let last = progress.lastActive, !(0...latest).contains(last) {
                notes.append("\(at)last_active \(last) is not a time the tutor wrote (dropped)")
                progress.lastActive = nil
            }
            if let report = progress.lastReport, let problem = Self.problem(in: report) {
                notes.append("\(at)last_report has \(problem) (dropped)")
                progress.lastReport = nil
            }
            exercises[name] = progress
        }
        for index in interviews.indices {
            var card = interviews[index]
            let at = "interviews.\(index)."
            card.minutes = Self.clamp(card.minutes, 1...24 * 60, at + "minutes", &notes)
            card.secondsUsed = Self.clamp(card.secondsUsed, 0...Double(card.minutes * 60), at + "seconds_used", &notes)
            card.attempts = Self.clamp(card.attempts, 0...Self.largestCount, at + "attempts", &notes)
            card.hints = Self.clamp(card.hints, 0...1_000, at + "hints", &notes)
            card.points = Self.clamp(card.points, 0...100, at + "points", &notes, otherwise: 0)
            card.startedAt = Self.clamp(card.startedAt, 0...latest, at + "started_at", &notes)
            if let report = card.report, let problem = Self.problem(in: report) {
                notes.append("\(at)report has \(problem) (dropped)")
                card.report = nil
            }
            interviews[index] = card
        }
        return notes
    }

    /// `value` if in `range`; else `otherwise`, or the nearest end of the range.
    private static func clamp(_ value: Int, _ range: ClosedRange<Int>, _ path: String, _ notes: inout [String], otherwise: Int? = nil) -> Int {
        guard !range.contains(value) else { return value }
        let clamped = otherwise ?? min(max(value, range.lowerBound), range.upperBound)
        notes.append("\(path) \(value) is out of range \(range.lowerBound)…\(range.upperBound) (now \(clamped))")
        return clamped
    }

    /// `value` if in `range`; else `otherwise`, or the nearest end of the range (the lower for NaN).
    private static func clamp(_ value: Double, _ range: ClosedRange<Double>, _ path: String, _ notes: inout [String], otherwise: Double? = nil) -> Double {
        guard !range.contains(value) else { return value }
        let clamped = otherwise ?? (value.isNaN ? range.lowerBound : min(max(value, range.lowerBound), range.upperBound))
        notes.append("\(path) \(value) is out of range \(number(range.lowerBound))…\(number(range.upperBound)) (now \(number(clamped)))")
        return clamped
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// What is wrong with a saved report's numbers, or nil when each is one a check could give.
    static func problem(in report: Report) -> String? {
        let counts = 0...10_000, seconds = 0.0...1e6
        if report.tests.count > counts.upperBound { return "\(report.tests.count) tests" }
        for (name, score) in report.categories where !counts.contains(score.passed) || !counts.contains(score.total) || score.passed > score.total {
            return "\(score.passed) of \(score.total) in \(name)"
        }
        if let diagnostic = report.diagnostics.first(where: { !(0...10_000_000).contains($0.line) || !(0...10_000_000).contains($0.column) }) {
            return "a diagnostic at line \(diagnostic.line), column \(diagnostic.column)"
        }
        if let latency = report.latency {
            let values = [latency.virtualSeconds, latency.bestSeconds, latency.eachSeconds ?? 0]
            if values.contains(where: { !seconds.contains($0) }) || !(0...largestCount).contains(latency.requests ?? 0) {
                return "a latency out of range"
            }
        }
        if !seconds.contains(report.timing.compileSeconds) || !seconds.contains(report.timing.runSeconds) {
            return "a timing out of range"
        }
        return nil
    }
}
