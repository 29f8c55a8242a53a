/// The `real-clock` rule: waiting or timing on the real clock in an exercise that hands in a clock.
enum ClockRules {
    /// Whether a starter's source names a `Clock` (a parameter such as `clock: some Clock<Duration>`,
    /// or a generic `C: Clock`): the exercise then hands the learner the clock its tests drive.
    static func takesClock(_ starter: String) -> Bool {
        SwiftTokenizer.tokenize(starter).contains { $0.kind == .identifier && $0.text == "Clock" }
    }

    /// The notes for every real-time wait or reading in `index`, when `settings.clock` is on.
    static func notes(in index: SourceIndex, settings: ReviewSettings) -> [ReviewNote] {
        guard settings.clock else { return [] }
        var notes: [ReviewNote] = []
        for i in index.tokens.indices where index.tokens[i].kind == .identifier && index.text(i - 1) != "." {
            if let found = realTime(at: i, in: index) {
                notes.append(ReviewNote(
                    rule: .realClock, line: index.line(i), severity: .actionable,
                    message: "\(found) runs on real time, but this exercise hands you a clock, and that clock is the only one its tests move: "
                        + "a wait on real time does not end when they expect it to. Use the given clock: `try await clock.sleep(for: …)` to wait, `clock.now` to read the time."))
            }
        }
        return notes
    }

    /// What the token at `i` starts, if it waits on or reads the real clock.
    private static func realTime(at i: Int, in index: SourceIndex) -> String? {
        switch index.text(i) {
        case "Task" where index.isMember(i + 2, "sleep") && !sleepsOnTheGivenClock(i + 2, in: index):
            return "`Task.sleep`"
        case "ContinuousClock", "SuspendingClock":
            return "`\(index.text(i))`"
        case "Date" where (index.text(i + 1) == "(" && index.text(i + 2) == ")") || index.isMember(i + 2, "now"):
            return index.text(i + 1) == "(" ? "`Date()`" : "`Date.now`"
        case "DispatchTime" where index.isMember(i + 2, "now"):
            return "`DispatchTime.now()`"
        case "CFAbsoluteTimeGetCurrent":
            return "`CFAbsoluteTimeGetCurrent()`"
        default:
            return nil
        }
    }

    /// `Task.sleep(for: d, clock: clock)`: a sleep on a clock passed by name, not `.continuous`.
    private static func sleepsOnTheGivenClock(_ sleep: Int, in index: SourceIndex) -> Bool {
        guard index.text(sleep + 1) == "(" else { return false }
        let arguments = index.inside(sleep + 1)
        guard let label = arguments.first(where: { index.text($0) == "clock" && index.text($0 + 1) == ":" }) else { return false }
        return index.text(label + 2) != "."
    }
}
