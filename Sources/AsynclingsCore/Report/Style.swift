/// Colours for terminal output; plain text when colour is off.
public struct Style: Sendable {
    /// Whether to emit ANSI colour codes.
    public let color: Bool

    /// Creates a style.
    public init(color: Bool) { self.color = color }

    private func wrap(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    /// Green, for passes.
    public func good(_ text: String) -> String { wrap(text, "32") }
    /// Red, for failures.
    public func bad(_ text: String) -> String { wrap(text, "31") }
    /// Yellow, for warnings and notes.
    public func warn(_ text: String) -> String { wrap(text, "33") }
    /// Bold, for headings.
    public func strong(_ text: String) -> String { wrap(text, "1") }
    /// Dim, for secondary text.
    public func dim(_ text: String) -> String { wrap(text, "2") }

    /// `text` with every line longer than `width` wrapped at its own indentation; shorter
    /// lines, blank lines and layout are kept.
    public static func fitted(_ text: String, width: Int = 80) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            guard line.count > width else { return String(line) }
            let indent = line.prefix { $0 == " " }.count
            return wrapped(String(line.dropFirst(indent)), indent: indent, width: width)
        }.joined(separator: "\n")
    }

    /// Wraps `text` to `width` columns, indenting every line by `indent` spaces.
    public static func wrapped(_ text: String, indent: Int, width: Int = 80) -> String {
        let pad = String(repeating: " ", count: indent)
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ") {
                if !line.isEmpty && pad.count + line.count + 1 + word.count > width {
                    lines.append(pad + line)
                    line = ""
                }
                line += line.isEmpty ? String(word) : " \(word)"
            }
            lines.append(pad + line)
        }
        return lines.joined(separator: "\n")
    }
}
