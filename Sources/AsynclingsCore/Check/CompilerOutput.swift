/// Turns the compiler's log into diagnostics about the learner's file, keeping the hidden
/// suite hidden: a message located in the suite means "the tests cannot call your code".
struct CompilerOutput {
    /// Diagnostics to show, learner's file first, duplicates removed.
    let diagnostics: [Report.Diagnostic]

    /// Parses `log` (llvm diagnostic style) for a compile of `learnerPath` with the suite at `suitePath`.
    /// The source line and caret the compiler prints under a message in the learner's file are
    /// kept as its excerpt; common concurrency errors get a plain explanation.
    init(log: String, learnerPath: String, suitePath: String) {
        var found: [Report.Diagnostic] = []
        var seen = Set<String>()
        // The diagnostic the lines that follow belong to, while they are its excerpt.
        var current: Int?
        var excerpt: [String] = []
        func closeExcerpt() {
            if let index = current, let text = Self.excerpt(excerpt) { found[index].excerpt = text }
            current = nil
            excerpt = []
        }
        for line in log.split(separator: "\n", omittingEmptySubsequences: false) {
            guard let parsed = Self.parse(String(line)) else {
                if current != nil { excerpt.append(String(line)) }
                continue
            }
            closeExcerpt()
            guard !Self.isNoise(parsed.message) else { continue }
            var diagnostic: Report.Diagnostic
            if parsed.path == learnerPath {
                diagnostic = Report.Diagnostic(line: parsed.line, column: parsed.column, severity: parsed.severity, message: parsed.message)
                if parsed.severity != "note" { diagnostic.explanation = DiagnosticExplanation.explain(parsed.message) }
            } else if parsed.path == suitePath, parsed.severity == "error" {
                diagnostic = Report.Diagnostic(line: 0, column: 0, severity: "error", message: "the hidden tests cannot use your code: \(parsed.message). Keep the names and the signature from the starter file.")
            } else {
                continue
            }
            let key = "\(diagnostic.line):\(diagnostic.column):\(diagnostic.message)"
            if seen.insert(key).inserted {
                found.append(diagnostic)
                if parsed.path == learnerPath { current = found.count - 1 }
            }
        }
        closeExcerpt()
        diagnostics = found
    }

    /// The source line and the caret line under it, from the lines the compiler printed after
    /// a message; nil unless the second is a caret line (spaces, `~` and one `^`). A fix-it
    /// line that may follow is dropped: without its context it reads as code to type.
    static func excerpt(_ lines: [String]) -> String? {
        guard lines.count >= 2, !lines[0].isEmpty else { return nil }
        let caret = lines[1]
        guard caret.contains("^"), caret.allSatisfy({ " ~^\t".contains($0) }) else { return nil }
        var trimmed = caret
        while trimmed.last == " " { trimmed.removeLast() }
        return lines[0] + "\n" + trimmed
    }

    /// Warnings that come from how a check compiles, not from the learner's code: the answer is
    /// compiled with library evolution, and Foundation and InterviewKit are not.
    static func isNoise(_ message: String) -> Bool {
        message.contains("was not compiled with library evolution support")
    }

    /// Whether any diagnostic reads like a Swift 6 data-race error.
    static func mentionsDataRace(_ diagnostics: [Report.Diagnostic]) -> Bool {
        diagnostics.contains { d in
            d.severity == "error" && ["data race", "Sendable", "concurrency-safe", "actor-isolated", "sending"].contains { d.message.contains($0) }
        }
    }

    private static func parse(_ line: String) -> (path: String, line: Int, column: Int, severity: String, message: String)? {
        for severity in ["error", "warning", "note"] {
            guard let marker = line.range(of: ": \(severity): ") else { continue }
            let location = line[..<marker.lowerBound].split(separator: ":", omittingEmptySubsequences: false)
            guard location.count >= 3, let lineNumber = Int(location[location.count - 2]),
                  let column = Int(location[location.count - 1]) else { continue }
            let path = location[..<(location.count - 2)].joined(separator: ":")
            var message = String(line[marker.upperBound...])
            if let tag = message.range(of: " [#", options: .backwards), message.hasSuffix("]") {
                message = String(message[..<tag.lowerBound])
            }
            return (path, lineNumber, column, severity, message)
        }
        return nil
    }
}
