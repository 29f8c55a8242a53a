import Foundation

/// The declarations of an exercise's answer that its hidden suite uses, as the compiler
/// described them in the stub module's ABI descriptor. An answer must declare each of them
/// the same way: same kind, signature (the mangled name), generic requirements, isolation,
/// conformances, enum cases and protocol requirements. Everything else is the learner's.
struct Interface: Codable, Equatable {
    /// One declaration the suite uses.
    struct Declaration: Codable, Equatable {
        /// Names from the top level down, as the compiler prints them: ["RateLimiter", "acquire()"].
        let path: [String]
        /// The compiler's kind: Func, Var, Constructor, Class, Struct, Enum, Protocol, EnumElement…
        let kind: String
        /// The mangled name, which spells out labels, types, async and throws.
        let mangledName: String
        /// The generic signature, if any, in readable form.
        let genericSignature: String?
        /// Conformances of a type (those that matter to a caller).
        let conformances: [String]
        /// "main actor" or "nonisolated" where the declaration says so.
        let isolation: [String]
        /// The mangled names of an enum's cases, or of a protocol's requirements.
        let members: [String]?
        /// The starter's line for it, quoted when an answer differs.
        var starterLine: Int? = nil
        var starterText: String? = nil

        /// A struct, or a class that is not an actor: a suite in another module would assume its
        /// layout (see `SuiteBuild.prepare`).
        var isLayoutFragile: Bool {
            kind == "Struct" || (kind == "Class" && !conformances.contains("Actor"))
        }

        /// How the learner reads its name: `RateLimiter.acquire()`.
        var displayName: String { path.joined(separator: ".") }
    }

    /// The declarations, in the order the suite first uses them.
    let declarations: [Declaration]

    /// An interface of exactly these declarations.
    init(declarations: [Declaration]) {
        self.declarations = declarations
    }

    /// Every declaration in an ABI descriptor (`Solution.abi.json`), indexed by mangled name.
    static func declarations(inDescriptor data: Data) -> [Declaration] {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let root = object["ABIRoot"] as? [String: Any] else { return [] }
        var found: [Declaration] = []
        func visit(_ node: [String: Any], path: [String]) {
            let children = node["children"] as? [[String: Any]] ?? []
            guard let kind = node["declKind"] as? String, kind != "Import",
                  let mangled = node["mangledName"] as? String, let name = node["printedName"] as? String else {
                for child in children { visit(child, path: path) }
                return
            }
            let here = path + [name]
            let attributes = node["declAttributes"] as? [String] ?? []
            let conformances = (node["conformances"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
                .filter { !["Copyable", "Escapable", "SendableMetatype", "BitwiseCopyable"].contains($0) }
            var isolation: [String] = []
            if attributes.contains("Custom") { isolation.append("main actor") }
            if attributes.contains("Nonisolated") { isolation.append("nonisolated") }
            var members: [String]?
            if kind == "Enum" {
                // In declaration order: a suite compiled against the stub switches by case index.
                members = children.filter { $0["declKind"] as? String == "EnumElement" }.compactMap { $0["mangledName"] as? String }
            } else if kind == "Protocol" {
                // In declaration order: a witness table is laid out in requirement order.
                members = children.filter { $0["protocolReq"] as? Bool == true }.compactMap { $0["mangledName"] as? String }
            }
            found.append(Declaration(
                path: here, kind: kind, mangledName: mangled,
                genericSignature: node["sugared_genericSig"] as? String ?? node["genericSig"] as? String,
                conformances: conformances.sorted(), isolation: isolation, members: members))
            for child in children where child["declKind"] != nil { visit(child, path: here) }
        }
        visit(root, path: [])
        return found
    }

    /// The stub's declarations that `references` (the suite object's undefined symbols in the
    /// answer's module) reach, each with the type it belongs to.
    init(stub: [Declaration], references: [String], stubSource: String) {
        var used: [Declaration] = []
        var seen = Set<String>()
        func add(_ declaration: Declaration) {
            guard seen.insert(declaration.mangledName).inserted else { return }
            used.append(declaration)
        }
        let byLength = stub.sorted { $0.mangledName.count > $1.mangledName.count }
        for symbol in references {
            // An initializer is called through its allocating entry (`fC`), described by its
            // initializing one (`fc`); a protocol through its descriptor (`Mp` for `P`).
            guard let owner = byLength.first(where: { declaration in
                let name = declaration.mangledName
                return symbol.hasPrefix(name) || (declaration.kind == "Constructor" && symbol.hasPrefix(name.dropLast()))
            }) else { continue }
            for depth in 1..<owner.path.count {
                if let parent = stub.first(where: { $0.path == Array(owner.path.prefix(depth)) }) { add(parent) }
            }
            add(owner)
        }
        // Every type of the answer's module that the suite names, in a signature or as itself:
        // an enum the suite switches over, a protocol its fakes conform to.
        for type in stub where ["Class", "Struct", "Enum", "Protocol"].contains(type.kind) && type.path.count == 1 {
            let name = type.path[0]
            let mark = "\(name.utf8.count)\(name)"
            if references.contains(where: { $0.contains(mark) }) { add(type) }
        }
        let lines = stubSource.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        declarations = used.map { declaration in
            var located = declaration
            if let line = Self.line(of: declaration, in: lines) {
                located.starterLine = line + 1
                located.starterText = lines[line].trimmingCharacters(in: .whitespaces)
            }
            return located
        }
    }

    /// Where the starter declares `declaration`: the first line with its keyword and name.
    private static func line(of declaration: Declaration, in lines: [String]) -> Int? {
        let name = declaration.path.last.map { String($0.prefix { $0 != "(" }) } ?? ""
        let keywords: [String]
        switch declaration.kind {
        case "Func": keywords = ["func \(name)"]
        case "Constructor": keywords = ["init("]
        case "Var": keywords = ["var \(name)", "let \(name)"]
        case "EnumElement": keywords = ["case \(name)"]
        default: keywords = ["class \(name)", "struct \(name)", "enum \(name)", "actor \(name)", "protocol \(name)"]
        }
        return lines.firstIndex { line in
            let code = line.components(separatedBy: "//").first ?? ""
            return keywords.contains { keyword in
                guard let range = code.range(of: keyword) else { return false }
                let after = code[range.upperBound...].first
                return keyword.hasSuffix("(") || after == nil || !(after!.isLetter || after!.isNumber || after! == "_")
            }
        }
    }

    /// What differs between the answer's declarations and this interface; empty when none does.
    func mismatches(answer: [Declaration]) -> [String] {
        let byName = Dictionary(answer.map { ($0.mangledName, $0) }, uniquingKeysWith: { first, _ in first })
        var problems: [String] = []
        var differing: [[String]] = []
        for expected in declarations {
            // One message per type: its members differ because it does.
            if differing.contains(where: { expected.path.starts(with: $0) }) { continue }
            let before = problems.count
            defer { if problems.count > before { differing.append(expected.path) } }
            guard let found = byName[expected.mangledName] ?? answer.first(where: { $0.path == expected.path }) else {
                let sameName = answer.first { $0.path.dropLast() == expected.path.dropLast() && $0.path.last?.prefix { $0 != "(" } == expected.path.last?.prefix { $0 != "(" } }
                problems.append(message(expected, sameName == nil ? "your file does not declare it" : "your file declares it with another signature (names, labels, types, `async`, `throws`, `some`/`any`)"))
                continue
            }
            if found.mangledName != expected.mangledName {
                problems.append(message(expected, "your file declares it with another signature (names, labels, types, `async`, `throws`, `some`/`any`)"))
            } else if found.kind != expected.kind {
                problems.append(message(expected, "the starter declares a \(expected.kind.lowercased()); yours is a \(found.kind.lowercased())"))
            } else if found.genericSignature != expected.genericSignature {
                problems.append(message(expected, "its generic requirements differ: the starter has `\(expected.genericSignature ?? "none")`, yours `\(found.genericSignature ?? "none")`"))
            } else if let missing = expected.conformances.first(where: { !found.conformances.contains($0) }) {
                problems.append(message(expected, missing == "Actor" ? "the starter's is an actor; yours is not" : "the starter's conforms to `\(missing)`; yours does not"))
            } else if expected.isolation.contains("main actor") != found.isolation.contains("main actor")
                        || (expected.isolation.contains("nonisolated") && !found.isolation.contains("nonisolated")) {
                problems.append(message(expected, "its isolation differs: the starter's is \(Self.isolation(expected)), yours is \(Self.isolation(found))"))
            } else if let members = expected.members, members != found.members {
                problems.append(message(expected, expected.kind == "Enum" ? "its cases differ from the starter's (names, associated values or order)" : "its requirements differ from the starter's (names, signatures or order)"))
            }
        }
        return problems
    }

    private static func isolation(_ declaration: Declaration) -> String {
        if declaration.isolation.contains("main actor") { return "isolated to the main actor" }
        if declaration.isolation.contains("nonisolated") { return "nonisolated" }
        return "without a global actor"
    }

    private func message(_ expected: Declaration, _ what: String) -> String {
        var text = "the hidden tests use `\(expected.displayName)`, but \(what)."
        if let line = expected.starterLine, let quote = expected.starterText {
            text += " Keep the starter's declaration (line \(line)): \(quote)"
        } else {
            text += " Keep the names and the signature from the starter file."
        }
        return text
    }
}
