/// Reads the learner's `// Intent:` comment and checks which key concepts it names.
public enum IntentComment {
    /// The text of the first `// Intent:` comment and the `//` lines directly below it, joined with spaces;
    /// nil when there is none, it is empty, or it is still the starter's "(…)" placeholder.
    public static func extract(_ source: String) -> String? {
        guard let text = written(in: source), !text.isEmpty, !isPlaceholder(text) else { return nil }
        return text
    }

    /// Whether the learner's `// Intent:` comment is still the starter's "(…)" placeholder.
    public static func holdsPlaceholder(_ source: String) -> Bool {
        written(in: source).map(isPlaceholder) ?? false
    }

    private static func isPlaceholder(_ text: String) -> Bool {
        text.hasPrefix("(") && text.hasSuffix(")")
    }

    /// The text of the first `// Intent:` comment and its continuation lines, as written.
    private static func written(in source: String) -> String? {
        let tokens = SwiftTokenizer.tokenize(source)
        for (i, token) in tokens.enumerated() where token.kind == .comment {
            let body = lineCommentText(token)
            guard let body, body.lowercased().hasPrefix("intent:") else { continue }
            var parts = [String(body.dropFirst("intent:".count))]
            var line = token.line
            var j = i + 1
            while j < tokens.count, tokens[j].line == line + 1, tokens[j].kind == .comment,
                  !tokens[j].text.hasPrefix("///"), let more = lineCommentText(tokens[j]) {
                parts.append(more)
                line += 1
                j += 1
            }
            return parts.map { trimmed($0) }.filter { !$0.isEmpty }.joined(separator: " ")
        }
        return nil
    }

    /// Which concepts `text` names (any of a concept's words appears, ignoring case) and which it misses, in order.
    public static func concepts(named text: String, concepts: [(id: String, words: [String])]) -> (named: [String], missed: [String]) {
        let haystack = text.lowercased()
        var named: [String] = []
        var missed: [String] = []
        for concept in concepts {
            let hit = concept.words.contains { !$0.isEmpty && haystack.contains($0.lowercased()) }
            if hit { named.append(concept.id) } else { missed.append(concept.id) }
        }
        return (named, missed)
    }

    /// The text after the slashes of a `//` comment, trimmed; nil for block comments.
    private static func lineCommentText(_ token: SwiftToken) -> String? {
        guard token.text.hasPrefix("//") else { return nil }
        return trimmed(String(token.text.drop { $0 == "/" }))
    }

    private static func trimmed(_ text: String) -> String {
        String(text.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
