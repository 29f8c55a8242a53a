/// Named shapes a drawn run can have next to the best run, read from the spans alone (never
/// from the picture): what an exercise's `timeline_flaw` predicts its flawed answer shows.
public enum TimelineShape {
    /// Every shape `holds` knows.
    public static let names = ["staircase", "leak", "waves", "gaps", "uncancelled", "instant"]
    /// Times closer than this, in milliseconds, are the same moment.
    static let tolerance = 0.0005

    /// Whether `run` has `shape` where `best` does not.
    public static func holds(_ shape: String, run: Report.Timeline.Run, best: Report.Timeline.Run) -> Bool {
        switch shape {
        case "staircase":
            // One call after another where the best run overlaps them.
            return run.spans.count >= 2 && maxOverlap(run.spans) == 1 && maxOverlap(best.spans) > 1
        case "leak":
            return leaks(run) && !leaks(best)
        case "waves":
            // Each new call waits for every call before it, where the best refills a free slot.
            return maxOverlap(run.spans) > 1 && inWaves(run.spans) && !inWaves(best.spans)
        case "gaps":
            // The same calls, with other idle times between them.
            return run.spans.count == best.spans.count && !zip(gaps(run.spans), gaps(best.spans)).allSatisfy { abs($0 - $1) <= tolerance }
        case "uncancelled":
            // A call the best run cancels runs on instead.
            let cancelled = Set(best.spans.filter { $0.outcome == .cancelled }.map(\.lane))
            return cancelled.contains { lane in !run.spans.contains { $0.lane == lane && $0.outcome == .cancelled } }
        case "instant":
            // Calls that never wait, where the best run's calls do.
            return !run.spans.isEmpty && run.spans.allSatisfy { $0.endMs - $0.startMs <= tolerance }
                && best.spans.contains { $0.endMs - $0.startMs > tolerance }
        default:
            return false
        }
    }

    /// The most calls in flight at one moment (a call that takes no time counts at its start).
    public static func maxOverlap(_ spans: [Report.Timeline.Span]) -> Int {
        spans.map { span in
            spans.filter { other in
                other.startMs <= span.startMs + tolerance && (other.endMs > span.startMs + tolerance || other == span)
            }.count
        }.max() ?? 0
    }

    /// Whether a call was still running when the answer returned, or ran on after it.
    public static func leaks(_ run: Report.Timeline.Run) -> Bool {
        guard let returned = run.returnedMs else { return false }
        return run.spans.contains { $0.outcome == .running || $0.endMs > returned + tolerance }
    }

    /// Whether every moment a call started, after the first, is the moment the last of the
    /// calls started before it ended.
    public static func inWaves(_ spans: [Report.Timeline.Span]) -> Bool {
        var starts: [Double] = []
        for start in spans.map(\.startMs).sorted() where starts.last.map({ start - $0 > tolerance }) ?? true { starts.append(start) }
        guard starts.count >= 2 else { return false }
        return starts.dropFirst().allSatisfy { moment in
            let before = spans.filter { $0.startMs < moment - tolerance }.map(\.endMs).max() ?? 0
            return abs(before - moment) <= tolerance
        }
    }

    /// The idle time before each call after the first, in the order they started.
    public static func gaps(_ spans: [Report.Timeline.Span]) -> [Double] {
        let ordered = spans.sorted { $0.startMs < $1.startMs }
        return zip(ordered, ordered.dropFirst()).map { $1.startMs - $0.endMs }
    }
}
