/// The words of an intent statement: split into stems so that a concept's terms match any form of a
/// word, and read for sentence structure so that a list of keywords is told apart from a plan.
enum IntentWords {
    /// A text read into words: each word as written, and the stems of its parts.
    struct Reading {
        /// The words, lowercased, identifiers whole (`cancelall`).
        var words: [String] = []
        /// The stems of the words' parts, in order (`cancel`, `all`).
        var stems: [String] = []
        /// For each stem, the index of the word it comes from.
        var word: [Int] = []
    }

    /// Reads `text`: words are split at anything but letters and digits, and their parts at case
    /// changes inside identifiers (`cancelAll` is "cancel", "all"; `URLSession` is "url", "session").
    static func read(_ text: String) -> Reading {
        var reading = Reading()
        for word in text.split(whereSeparator: { !($0.isLetter || $0.isNumber) }) {
            reading.words.append(word.lowercased())
            for part in parts(of: Array(word)) {
                reading.stems.append(stem(part.lowercased()))
                reading.word.append(reading.words.count - 1)
            }
        }
        return reading
    }

    /// The parts of an identifier: a new part starts at an upper case letter that follows a lower
    /// case letter or a digit, or that starts a word after an acronym ("URLSession").
    private static func parts(of characters: [Character]) -> [String] {
        var parts: [String] = []
        var current = ""
        for (i, character) in characters.enumerated() {
            if i > 0, character.isUppercase {
                let previous = characters[i - 1]
                let next = i + 1 < characters.count ? characters[i + 1] : nil
                if previous.isLowercase || previous.isNumber || (previous.isUppercase && next?.isLowercase == true) {
                    parts.append(current)
                    current = ""
                }
            }
            current.append(character)
        }
        parts.append(current)
        return parts
    }

    /// The stem of one lowercased word: a plural -s, then one of -ation, -ing, -ed, -ly is dropped,
    /// a final -y becomes -i and a final -e goes, and a doubled last consonant is halved.
    /// So cancel, cancels, cancelled, cancelling and cancellation all become "cancel".
    static func stem(_ word: String) -> String {
        var w = word
        func drop(_ suffix: String, keeping: Int = 3) -> Bool {
            guard w.hasSuffix(suffix), w.count - suffix.count >= keeping else { return false }
            w.removeLast(suffix.count)
            return true
        }
        if !w.hasSuffix("ss"), !w.hasSuffix("us"), !w.hasSuffix("is") { _ = drop("s") }
        _ = drop("ation") || drop("ing") || drop("ed") || drop("ly")
        if w.count > 3, w.hasSuffix("y") { w.removeLast(); w.append("i") }
        if w.count > 3, w.hasSuffix("e") { w.removeLast() }
        if w.count > 3, let last = w.last, let before = w.dropLast().last, last == before, !"aeiou".contains(last) {
            w.removeLast()
        }
        return w
    }

    /// The stems of every word part of `text`, in order.
    static func stems(_ text: String) -> [String] {
        read(text).stems
    }

    /// Where `term` occurs in `stems`: the positions of its words, stemmed, in a row; nil when it does
    /// not occur. A `…` (or `...`) in a term lets up to four other words sit between its parts:
    /// "cancel … loser" matches "cancel the slower loser".
    static func find(_ term: String, in stems: [String]) -> [Int]? {
        let parts = term.replacingOccurrences(of: "...", with: "…").split(separator: "…")
            .map { Self.stems(String($0)) }.filter { !$0.isEmpty }
        guard !parts.isEmpty else { return nil }
        return match(parts[...], in: stems, from: 0, window: nil)
    }

    /// Whether `stems` holds `term` (see `find`).
    static func contains(_ stems: [String], term: String) -> Bool {
        find(term, in: stems) != nil
    }

    private static let gap = 4

    /// The positions where `parts` occur in order from `start`; after the first part, each must begin within `gap` words.
    private static func match(_ parts: ArraySlice<[String]>, in stems: [String], from start: Int, window: Int?) -> [Int]? {
        guard let part = parts.first else { return [] }
        let last = stems.count - part.count
        let end = window.map { min(last, start + $0) } ?? last
        guard start <= end else { return nil }
        for i in start...end where Array(stems[i..<(i + part.count)]) == part {
            if let rest = match(parts.dropFirst(), in: stems, from: i + part.count, window: gap) {
                return Array(i..<(i + part.count)) + rest
            }
        }
        return nil
    }

    /// Whether `reading` is a plan rather than a list of keywords. Without the words in `keywords`
    /// (indexes into `reading.words`), at least four words must be left, at least two of them function
    /// words ("the", "so", "it", "before"…), and the whole text must hold a verb: an auxiliary ("is",
    /// "will"), a subject pronoun ("I", "it") or one of a list of common verbs, not right after "the" or
    /// "a". "race cancel task group" is a list; "race the request against a timer" is a plan.
    static func isSentence(_ reading: Reading, keywords: Set<Int> = []) -> Bool {
        let words = reading.words.enumerated().filter { !contractionTails.contains($0.element) }
        let rest = words.filter { !keywords.contains($0.offset) }.map(\.element)
        guard rest.count >= 4, rest.filter({ functionWords.contains($0) }).count >= 2 else { return false }
        return words.indices.contains { i in
            let word = words[i].element
            let noun = i > 0 && determiners.contains(words[i - 1].element)  // "the race" is not a verb
            return clauseWords.contains(word) || (!noun && verbStems.contains(stem(word)))
        }
    }

    /// Words after which a verb is read as a noun.
    private static let determiners: Set<String> = ["a", "an", "the", "its", "their", "my", "our", "your", "this", "that"]

    /// What is left of a contraction after the apostrophe ("I'll" is "i", "ll").
    private static let contractionTails: Set<String> = ["ll", "s", "t", "re", "ve", "d", "m"]

    /// Auxiliaries, modals and subject pronouns: any of them makes a clause.
    private static let clauseWords: Set<String> = [
        "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "has", "have", "had",
        "will", "would", "can", "could", "should", "must", "may", "might", "shall", "cannot",
        "don", "doesn", "didn", "isn", "aren", "won", "wasn", "i", "we", "it", "they", "you", "he", "she",
    ]

    /// Articles, pronouns, prepositions, conjunctions, auxiliaries and quantifiers.
    private static let functionWords: Set<String> = clauseWords.union([
        "a", "an", "the", "this", "that", "these", "those", "me", "my", "us", "our", "your", "its", "them",
        "their", "one", "who", "which", "what", "whose", "of", "to", "in", "on", "at", "by", "for", "with",
        "from", "into", "onto", "over", "under", "about", "against", "between", "through", "during",
        "before", "after", "until", "till", "since", "without", "within", "across", "behind", "instead",
        "per", "via", "than", "like", "and", "or", "but", "so", "because", "if", "when", "while",
        "whenever", "once", "though", "although", "unless", "then", "as", "not", "no", "never", "nothing",
        "nobody", "none", "each", "every", "all", "any", "some", "both", "either", "neither", "only",
        "also", "just", "too", "still", "already", "there", "here", "up", "out", "off", "back", "away",
    ])

    /// Stems of verbs a plan commonly uses, for plans in the imperative ("race the request…").
    private static let verbStems: Set<String> = Set([
        "start", "run", "wait", "await", "cancel", "throw", "return", "catch", "keep", "take", "make",
        "use", "pass", "put", "let", "get", "give", "stop", "fire", "race", "call", "fetch", "load",
        "send", "receive", "sleep", "check", "yield", "resume", "bridge", "store", "add", "remove",
        "record", "refuse", "drain", "finish", "fail", "win", "share", "coalesce", "inherit", "bind",
        "limit", "grow", "retry", "go", "come", "end", "reach", "free", "hold", "queue", "wake", "leave",
        "sum", "split", "hand", "bound", "process", "become", "count", "track", "need", "depend", "fall",
        "answer", "reply", "save", "handle", "collect", "turn", "follow", "block", "suspend", "serve",
        "park", "close", "forget", "outlive", "debounce", "hedge", "double", "cap", "wrap", "log", "spawn",
    ].map(stem))
}
