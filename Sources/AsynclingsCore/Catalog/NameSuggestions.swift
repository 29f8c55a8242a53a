/// Finds the catalog names closest to a mistyped one.
enum NameSuggestions {
    /// Up to two names within a small edit distance of `name`, or containing it, closest first.
    static func closest(to name: String, among names: [String]) -> [String] {
        let scored = names.map { candidate -> (String, Int) in
            let distance = editDistance(Array(name), Array(candidate))
            let contains = candidate.contains(name) || name.contains(candidate)
            return (candidate, contains ? min(distance, 2) : distance)
        }
        let limit = max(2, name.count / 3)
        return scored.filter { $0.1 <= limit }.sorted { $0.1 == $1.1 ? $0.0 < $1.0 : $0.1 < $1.1 }.prefix(2).map(\.0)
    }

    private static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            previous = current
        }
        return previous[b.count]
    }
}
