import Foundation

/// The section names and symbols of a compiled answer (a 64-bit little-endian ELF object),
/// read without any tool: enough to see code placed to run before `main` and symbols that
/// reach outside the answer's own module.
struct ObjectFile {
    /// One entry of the symbol table.
    struct Symbol: Equatable {
        let name: String
        /// Defined in this object (not an undefined reference).
        let defined: Bool
        /// Global binding, visible to the linker as a strong name.
        let exported: Bool
    }

    /// Every section name.
    let sections: [String]
    /// Every named symbol.
    let symbols: [Symbol]
    /// The libraries the object asks the linker for (its `.swift1_autolink_entries`), in order.
    let autolinkEntries: [String]

    /// Reads `data`; nil when it is not an ELF64 little-endian object (then nothing is checked).
    init?(_ data: Data) {
        let bytes = [UInt8](data)
        guard bytes.count > 64, bytes[0] == 0x7F, bytes[1] == 0x45, bytes[2] == 0x4C, bytes[3] == 0x46,
              bytes[4] == 2, bytes[5] == 1 else { return nil }
        func integer(_ offset: Int, _ size: Int) -> Int {
            guard offset >= 0, offset + size <= bytes.count else { return 0 }
            var value = 0
            for index in (0..<size).reversed() { value = value << 8 | Int(bytes[offset + index]) }
            return value
        }
        func string(_ offset: Int) -> String {
            guard offset >= 0, offset < bytes.count else { return "" }
            var end = offset
            while end < bytes.count, bytes[end] != 0 { end += 1 }
            return String(decoding: bytes[offset..<end], as: UTF8.self)
        }
        let tableOffset = integer(0x28, 8), entrySize = integer(0x3A, 2), count = integer(0x3C, 2), namesIndex = integer(0x3E, 2)
        guard entrySize >= 64, count > 0, tableOffset + entrySize * count <= bytes.count else { return nil }
        struct Header { let name: Int; let type: Int; let offset: Int; let size: Int; let link: Int; let entrySize: Int }
        let headers = (0..<count).map { index -> Header in
            let base = tableOffset + index * entrySize
            return Header(name: integer(base, 4), type: integer(base + 4, 4), offset: integer(base + 0x18, 8),
                          size: integer(base + 0x20, 8), link: integer(base + 0x28, 4), entrySize: integer(base + 0x38, 8))
        }
        let names = namesIndex < headers.count ? headers[namesIndex].offset : 0
        sections = headers.map { string(names + $0.name) }
        var entries: [String] = []
        for (index, name) in sections.enumerated() where name == ".swift1_autolink_entries" {
            let header = headers[index]
            guard header.offset + header.size <= bytes.count else { continue }
            entries += bytes[header.offset..<(header.offset + header.size)].split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        }
        autolinkEntries = entries
        var symbols: [Symbol] = []
        let symbolTable = 2
        for header in headers where header.type == symbolTable && header.entrySize >= 24 && header.link < headers.count {
            let strings = headers[header.link].offset
            for index in 1..<max(1, header.size / header.entrySize) {
                let base = header.offset + index * header.entrySize
                let name = string(strings + integer(base, 4))
                guard !name.isEmpty else { continue }
                let info = integer(base + 4, 1), other = integer(base + 5, 1), sectionIndex = integer(base + 6, 2)
                // Default (0) and protected (3) visibility are seen by the linker; internal and hidden are not.
                let global = info >> 4 == 1, visible = other & 3 == 0 || other & 3 == 3
                symbols.append(Symbol(name: name, defined: sectionIndex != 0, exported: global && visible))
            }
        }
        self.symbols = symbols
    }

    /// Sections whose code the loader runs before `main` (or after it ends).
    static let startUpSections = [".init_array", ".preinit_array", ".ctors", ".fini_array", ".dtors", ".init", ".fini"]

    /// The first start-up section in the object, if any.
    var startUpSection: String? {
        sections.first { name in Self.startUpSections.contains { name == $0 || name.hasPrefix($0 + ".") } }
    }

    /// Strong names this object gives the linker that do not belong to the module `module`
    /// (Swift mangles everything a module declares with its name, extensions included).
    func foreignDefinitions(module: String) -> [String] {
        let mark = "\(module.utf8.count)\(module)"
        return symbols.filter { $0.defined && $0.exported && !$0.name.contains(mark) && !$0.name.hasPrefix("_swift_FORCE_LOAD_$") }.map(\.name)
    }

    /// References to the modules in `modules` (by their Swift mangling prefix).
    func references(to modules: [String]) -> [String] {
        let prefixes = modules.map { "$s\($0.utf8.count)\($0)" }
        return symbols.filter { symbol in !symbol.defined && prefixes.contains { symbol.name.hasPrefix($0) } }.map(\.name)
    }
}
