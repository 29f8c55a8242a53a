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
        notes += MigrationRules.notes(in: index, settings: settings)
        var seen: Set<String> = []
        return notes
            .filter { !settings.off.contains($0.rule) }
            .map { note in
                // An escape hatch the exercise forbids fails the check, so the note is essential.
                guard settings.forbidden.contains(note.rule) else { return note }
                return ReviewNote(rule: note.rule, line: note.line, severity: .essential, message: note.message)
            }
            .sorted { ($0.line, $0.rule.rawValue) < ($1.line, $1.rule.rawValue) }
            .filter { seen.insert("\($0.rule)@\($0.line)").inserted }
    }
}
