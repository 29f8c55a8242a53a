/// One token of Swift source, with the 1-based line it starts on.
struct SwiftToken: Equatable, Sendable {
    /// What sort of text a token holds.
    enum Kind: Equatable, Sendable {
        /// A name or keyword (`for`, `await`, `fetchAll`, `$0`, `` `default` ``).
        case identifier
        /// A numeric literal.
        case number
        /// A whole string literal, interpolations included, or a `#/…/#` regex literal.
        case string
        /// A line or block comment, delimiters included.
        case comment
        /// An attribute such as `@Sendable` or `@unchecked`.
        case attribute
        /// A compiler directive or literal such as `#if` or `#available`.
        case pound
        /// An operator such as `=`, `->`, `??`, `...`, or a postfix `?` / `!`.
        case `operator`
        /// One of `{ } ( ) [ ] , ; : .` and anything else on its own.
        case punctuation
    }

    /// What sort of text this is.
    let kind: Kind
    /// The token's text exactly as written.
    let text: String
    /// The 1-based line the token starts on.
    let line: Int
}

/// A small tokenizer for Swift source: enough to find keywords and calls outside comments and strings.
enum SwiftTokenizer {
    /// Splits `source` into tokens; whitespace is dropped, comments are kept.
    static func tokenize(_ source: String) -> [SwiftToken] {
        var scanner = TokenScanner(Array(source))
        return scanner.run()
    }
}

/// The cursor over the characters of one source text.
private struct TokenScanner {
    private let chars: [Character]
    private var index = 0
    private var line = 1
    private var tokens: [SwiftToken] = []

    init(_ chars: [Character]) { self.chars = chars }

    private static let operatorCharacters: Set<Character> = ["/", "=", "-", "+", "!", "*", "%", "<", ">", "&", "|", "^", "~", "?"]

    mutating func run() -> [SwiftToken] {
        while index < chars.count {
            let c = chars[index]
            if c.isNewline {
                line += 1
                index += 1
            } else if c.isWhitespace {
                index += 1
            } else {
                scanToken(startingWith: c)
            }
        }
        return tokens
    }

    private func peek(_ offset: Int = 1) -> Character? {
        let i = index + offset
        return i < chars.count ? chars[i] : nil
    }

    private mutating func emit(_ kind: SwiftToken.Kind, from start: Int, line startLine: Int) {
        tokens.append(SwiftToken(kind: kind, text: String(chars[start..<index]), line: startLine))
    }

    private mutating func scanToken(startingWith c: Character) {
        let start = index
        let startLine = line
        if c == "/" && peek() == "/" {
            while index < chars.count && !chars[index].isNewline { index += 1 }
            emit(.comment, from: start, line: startLine)
        } else if c == "/" && peek() == "*" {
            skipBlockComment()
            emit(.comment, from: start, line: startLine)
        } else if c == "\"" || (c == "#" && hashesLead(to: "\"")) {
            skipStringLiteral()
            emit(.string, from: start, line: startLine)
        } else if c == "#" && hashesLead(to: "/") {
            skipRegexLiteral()
            emit(.string, from: start, line: startLine)
        } else if c == "#" || c == "@" {
            index += 1
            let nameStart = index
            skipIdentifier()
            emit(index > nameStart ? (c == "#" ? .pound : .attribute) : .punctuation, from: start, line: startLine)
        } else if c == "`" {
            index += 1
            while index < chars.count && chars[index] != "`" && !chars[index].isNewline { index += 1 }
            if index < chars.count && chars[index] == "`" { index += 1 }
            emit(.identifier, from: start, line: startLine)
        } else if isIdentifierHead(c) {
            skipIdentifier()
            emit(.identifier, from: start, line: startLine)
        } else if c.isNumber {
            skipNumber()
            emit(.number, from: start, line: startLine)
        } else if c == "." && peek() == "." && (peek(2) == "." || peek(2) == "<") {
            index += 3
            emit(.operator, from: start, line: startLine)
        } else if Self.operatorCharacters.contains(c) {
            scanOperator()
            emit(.operator, from: start, line: startLine)
        } else {
            index += 1
            emit(.punctuation, from: start, line: startLine)
        }
    }

    /// Whether the characters from here are one or more `#` followed by `end`.
    private func hashesLead(to end: Character) -> Bool {
        var i = index
        while i < chars.count && chars[i] == "#" { i += 1 }
        return i > index && i < chars.count && chars[i] == end
    }

    private func isIdentifierHead(_ c: Character) -> Bool {
        c == "_" || c == "$" || c.isLetter
    }

    private mutating func skipIdentifier() {
        while index < chars.count, chars[index] == "_" || chars[index] == "$" || chars[index].isLetter || chars[index].isNumber {
            index += 1
        }
    }

    private mutating func skipNumber() {
        while index < chars.count {
            let c = chars[index]
            if c.isLetter || c.isNumber || c == "_" {
                index += 1
            } else if c == ".", let next = peek(), next.isNumber {
                index += 1
            } else {
                break
            }
        }
    }

    private mutating func scanOperator() {
        // A `?` or `!` glued to the end of an expression is postfix: `try?`, `x!`, `a?.b`.
        if chars[index] == "?" || chars[index] == "!", index > 0, !chars[index - 1].isWhitespace, peek() != "=" {
            index += 1
            return
        }
        while index < chars.count, Self.operatorCharacters.contains(chars[index]) {
            if chars[index] == "/", peek() == "/" || peek() == "*" { break }
            index += 1
        }
    }

    private mutating func advance() {
        if chars[index].isNewline { line += 1 }
        index += 1
    }

    private mutating func skipBlockComment() {
        index += 2
        var depth = 1
        while index < chars.count && depth > 0 {
            if chars[index] == "/" && peek() == "*" {
                depth += 1
                index += 2
            } else if chars[index] == "*" && peek() == "/" {
                depth -= 1
                index += 2
            } else {
                advance()
            }
        }
    }

    private mutating func countHashes() -> Int {
        var count = 0
        while index < chars.count && chars[index] == "#" {
            count += 1
            index += 1
        }
        return count
    }

    /// Whether the characters from here are `quote` followed by `hashes` `#` signs.
    private func closes(with quote: String, hashes: Int) -> Bool {
        let delimiter = Array(quote) + Array(repeating: "#", count: hashes)
        guard index + delimiter.count <= chars.count else { return false }
        return Array(chars[index..<index + delimiter.count]) == delimiter
    }

    /// Skips a whole string literal, from its opening `#`s or quote to past its closing delimiter.
    private mutating func skipStringLiteral() {
        let hashes = countHashes()
        let multiLine = closes(with: "\"\"\"", hashes: 0)
        let quote = multiLine ? "\"\"\"" : "\""
        index += quote.count
        while index < chars.count {
            if closes(with: quote, hashes: hashes) {
                index += quote.count + hashes
                return
            }
            if !multiLine && chars[index].isNewline { return }
            if chars[index] == "\\" && escapeHashesFollow(hashes) {
                index += 1 + hashes
                if index < chars.count && chars[index] == "(" {
                    index += 1
                    skipInterpolation()
                } else if index < chars.count {
                    advance()
                }
            } else {
                advance()
            }
        }
    }

    private func escapeHashesFollow(_ hashes: Int) -> Bool {
        for offset in 0..<hashes where peek(offset + 1) != "#" { return false }
        return true
    }

    /// Skips the code of an interpolation up to and including its closing parenthesis.
    private mutating func skipInterpolation() {
        var depth = 1
        while index < chars.count {
            let c = chars[index]
            if c == "\"" || (c == "#" && hashesLead(to: "\"")) {
                skipStringLiteral()
            } else if c == "(" {
                depth += 1
                index += 1
            } else if c == ")" {
                depth -= 1
                index += 1
                if depth == 0 { return }
            } else {
                advance()
            }
        }
    }

    private mutating func skipRegexLiteral() {
        let hashes = countHashes()
        index += 1
        while index < chars.count {
            if closes(with: "/", hashes: hashes) {
                index += 1 + hashes
                return
            }
            advance()
        }
    }
}
