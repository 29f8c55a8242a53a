/// Finds the common Swift-concurrency missteps in a learner's source, outside comments and strings.
public enum SourceReview {
    /// Reviews `source` with the rules `settings` allows, returning notes sorted by line, then rule.
    public static func review(_ source: String, settings: ReviewSettings) -> [ReviewNote] {
        let index = SourceIndex(source)
        var notes = LoopRules.notes(in: index, settings: settings)
        notes += TaskRules.notes(in: index)
        notes += ErrorRules.notes(in: index)
        notes += BlockingRules.notes(in: index)
        notes += EscapeHatchRules.notes(in: index)
        notes += ClockRules.notes(in: index, settings: settings)
        var seen: Set<String> = []
        return notes
            .filter { !settings.off.contains($0.rule) }
            .sorted { ($0.line, $0.rule.rawValue) < ($1.line, $1.rule.rawValue) }
            .filter { seen.insert("\($0.rule)@\($0.line)").inserted }
    }
}
