/// Lines measured as the terminal shows them: colour codes take no room.
enum ScreenText {
    /// The columns `line` takes on screen.
    static func visibleWidth(_ line: String) -> Int {
        var width = 0
        var inEscape = false
        for character in line {
            if inEscape {
                if character.isLetter { inEscape = false }
            } else if character == "\u{1B}" {
                inEscape = true
            } else {
                width += 1
            }
        }
        return width
    }

    /// `line` cut into pieces of at most `width` visible columns, colour codes kept whole;
    /// a continuation starts at the line's own indentation.
    static func fit(_ line: String, width: Int) -> [String] {
        guard width > 0, visibleWidth(line) > width else { return [line] }
        let indent = min(line.prefix { $0 == " " }.count, width / 2)
        var pieces: [String] = []
        var current = "", count = 0
        var inEscape = false
        for character in line {
            if inEscape || character == "\u{1B}" {
                current.append(character)
                inEscape = character == "\u{1B}" || !character.isLetter
                continue
            }
            if count == width {
                pieces.append(current)
                current = String(repeating: " ", count: indent)
                count = indent
            }
            current.append(character)
            count += 1
        }
        pieces.append(current)
        return pieces
    }

    /// `line` cut to `width` visible columns (for lines that must stay one line, like the header).
    static func truncate(_ line: String, width: Int) -> String {
        fit(line, width: width)[0] + (visibleWidth(line) > width ? "\u{1B}[0m" : "")
    }
}
