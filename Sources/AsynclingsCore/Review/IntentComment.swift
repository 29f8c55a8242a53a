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

    /// Which concepts `text` names and which it misses, in order. A concept is named when the text
    /// holds one of its terms, word by word and by stem (see `IntentWords.find`). Only a plan names
    /// anything: a text that `isPlan` rejects, such as a list of keywords, misses every concept.
    public static func concepts(named text: String, concepts: [Exercise.Concept]) -> (named: [String], missed: [String]) {
        let (plan, hits) = read(text, concepts)
        let named = zip(concepts, hits).filter { plan && $0.1 }.map(\.0.id)
        return (named, concepts.map(\.id).filter { !named.contains($0) })
    }

    /// Whether `text` reads as a plan rather than a list of `concepts`' keywords: once the keywords are
    /// taken out, a few words must be left, some of them function words, and the text must hold a verb.
    public static func isPlan(_ text: String, concepts: [Exercise.Concept]) -> Bool {
        read(text, concepts).plan
    }

    /// Whether `text` is a plan, and for each concept whether one of its terms occurs.
    private static func read(_ text: String, _ concepts: [Exercise.Concept]) -> (plan: Bool, hits: [Bool]) {
        let reading = IntentWords.read(text)
        let found = concepts.map { $0.words.compactMap { IntentWords.find($0, in: reading.stems) } }
        let keywords = Set(found.joined().joined().map { reading.word[$0] })
        return (IntentWords.isSentence(reading, keywords: keywords), found.map { !$0.isEmpty })
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
