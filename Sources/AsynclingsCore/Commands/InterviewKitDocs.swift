import Foundation

/// The public declarations of InterviewKit (the module every practice file imports), with
/// their doc comments, read from its sources: `show` lists the ones an exercise uses.
struct InterviewKitDocs {
    /// One top-level declaration: its name and its text (doc comment, declaration, members).
    struct Declaration: Equatable {
        let name: String
        let text: String
    }

    let declarations: [Declaration]

    /// The declarations in the InterviewKit sources under `root` (the tool's source tree).
    init(root: URL) {
        let folder = root.appendingPathComponent("Sources/InterviewKit")
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".swift") }.sorted()
        declarations = files.flatMap { name in
            Self.parse((try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? "")
        }
    }

    /// The top-level public declarations of one file, each with the doc comment above it.
    static func parse(_ source: String) -> [Declaration] {
        let lines = source.components(separatedBy: "\n")
        var found: [Declaration] = []
        var doc: [String] = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            if line.hasPrefix("///") {
                doc.append(line)
            } else if line.hasPrefix("public "), let name = declaredName(line) {
                var body = [line]
                if line.hasSuffix("{") {
                    while index + 1 < lines.count {
                        index += 1
                        body.append(lines[index])
                        if lines[index] == "}" { break }
                    }
                }
                found.append(Declaration(name: name, text: (doc + body).joined(separator: "\n")))
                doc = []
            } else if !line.hasPrefix("@") {
                doc = []
            }
            index += 1
        }
        return found
    }

    private static func declaredName(_ line: String) -> String? {
        let words = line.split(whereSeparator: { " (<:{".contains($0) }).map(String.init)
        guard let kind = words.firstIndex(where: { ["protocol", "struct", "enum", "class", "actor", "func", "typealias"].contains($0) }),
              kind + 1 < words.count else { return nil }
        return words[kind + 1]
    }

    /// The declarations whose names appear as words in `text` (an exercise's starter and
    /// signature), and the ones those mention in turn, in source order.
    func used(in text: String) -> [Declaration] {
        func words(_ text: String) -> Set<String> {
            Set(text.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }).map(String.init))
        }
        var names = words(text).intersection(declarations.map(\.name))
        while true {
            let more = declarations.filter { names.contains($0.name) }.reduce(into: names) { $0.formUnion(words($1.text)) }
                .intersection(declarations.map(\.name))
            if more == names { break }
            names = more
        }
        return declarations.filter { names.contains($0.name) }
    }
}
