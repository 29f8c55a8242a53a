import Foundation

/// What an exercise asks, read from its README: the interviewer's quote, the signature (the
/// README's Swift block) and the rules (everything after that block: the behaviour graded).
struct ExerciseBrief: Equatable {
    /// The interviewer's words.
    let quote: String
    /// The declaration to write, as the README gives it.
    let signature: String
    /// The rules, as written (paragraphs and `-` items).
    let rules: String

    /// The brief of `exercise`; parts its README lacks are empty.
    init(_ exercise: Exercise) {
        let text = (try? String(contentsOf: exercise.promptFile, encoding: .utf8)) ?? ""
        self.init(readme: text, quote: exercise.interviewerQuote)
    }

    /// The brief in a README's text.
    init(readme text: String, quote: String) {
        self.quote = quote
        let lines = text.components(separatedBy: "\n")
        guard let open = lines.firstIndex(where: { $0.hasPrefix("```swift") }),
              let close = lines[(open + 1)...].firstIndex(where: { $0.hasPrefix("```") }) else {
            signature = ""
            rules = lines.filter { !$0.hasPrefix("#") && !$0.hasPrefix(">") }.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            return
        }
        signature = lines[(open + 1)..<close].joined(separator: "\n")
        rules = lines[(close + 1)...].joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The rules reflowed to `width` columns: paragraphs joined and wrapped, `-` items kept
    /// as items with their continuation lines indented under the text.
    func rulesLines(width: Int, indent: Int = 0) -> [String] {
        var blocks: [(bullet: Bool, text: String)] = []
        for line in rules.components(separatedBy: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                blocks.append((false, ""))
            } else if trimmed.hasPrefix("- ") {
                blocks.append((true, String(trimmed.dropFirst(2))))
            } else if let last = blocks.last, !last.text.isEmpty {
                blocks[blocks.count - 1].text += " " + trimmed
            } else {
                blocks.append((false, trimmed))
            }
        }
        var out: [String] = []
        for block in blocks {
            if block.text.isEmpty {
                if out.last?.isEmpty == false { out.append("") }
            } else if block.bullet {
                let body = Style.wrapped(block.text, indent: indent + 2, width: width)
                out.append(String(repeating: " ", count: indent) + "- " + body.dropFirst(indent + 2))
            } else {
                out.append(Style.wrapped(block.text, indent: indent, width: width))
            }
        }
        return out.joined(separator: "\n").components(separatedBy: "\n")
    }

    /// The header comment put at the top of a new practice file: the signature and the rules.
    func headerComment(exercise: Exercise) -> String {
        guard !signature.isEmpty || !rules.isEmpty else { return "" }
        var lines = ["// \(exercise.title) (asynclings exercise \(exercise.number): \(exercise.name))", "//"]
        if !signature.isEmpty {
            lines.append("// Write:")
            lines += signature.components(separatedBy: "\n").map { "//     \($0)" }
            lines.append("//")
        }
        lines += rulesLines(width: 96).map { $0.isEmpty ? "//" : "// \($0)" }
        lines.append("//")
        lines.append("// `asynclings show \(exercise.name)` prints these rules and the InterviewKit types used here.")
        return lines.joined(separator: "\n") + "\n\n"
    }
}
