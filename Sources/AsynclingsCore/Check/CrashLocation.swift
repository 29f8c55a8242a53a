import Foundation

/// Names the place in the learner's file where the test binary crashed: the return addresses
/// the harness recorded (`CrashRecorder`, a `crash` line on the results channel) symbolicated
/// with the toolchain's `llvm-symbolizer` against the test binary, whose answer part carries
/// line tables (`-gline-tables-only`), and the first frame in the learner's snapshot kept.
struct CrashLocation {
    /// The toolchain's `llvm-symbolizer`.
    let symbolizer: String
    /// The toolchain's `swift-demangle`.
    let demangler: String
    /// The snapshot the answer was compiled from: frames in it are the learner's.
    let learnerFile: String
    /// Runs both tools.
    let launcher: any ProcessLaunching

    /// A locator for `toolchain`, or nil when it ships no symbolizer.
    init?(toolchain: Toolchain, learnerFile: String, launcher: any ProcessLaunching) {
        let folder = URL(fileURLWithPath: toolchain.swiftc).resolvingSymlinksInPath().deletingLastPathComponent()
        symbolizer = folder.appendingPathComponent("llvm-symbolizer").path
        demangler = folder.appendingPathComponent("swift-demangle").path
        guard FileManager.default.isExecutableFile(atPath: symbolizer) else { return nil }
        self.learnerFile = learnerFile
        self.launcher = launcher
    }

    /// The learner's frame nearest the crash.
    struct Frame: Equatable {
        /// The function, demangled and without generic parameters: `fetchAll(_:client:)`.
        var function: String
        /// The line in the learner's file; 0 when the line tables do not say.
        var line: Int

        /// "in fetchAll(_:client:) at line 12 of your file".
        var sentence: String {
            "in \(function)" + (line > 0 ? " at line \(line) of your file" : " in your file")
        }
    }

    /// The first frame of `crash` in the learner's file, symbolicated against `binary` in
    /// `folder` (where the tools write their output); nil when none is.
    func locate(_ crash: ResultsLog.Crash, binary: URL, folder: URL) -> Frame? {
        guard !crash.addresses.isEmpty, let header = try? FileHandle(forReadingFrom: binary),
              let start = try? header.read(upToCount: 18), start.count == 18 else { return nil }
        try? header.close()
        // A position-independent program (ELF type 3) is symbolicated by offsets from where it
        // was mapped; a fixed-address one by the addresses themselves.
        let relative = start[16] == 3
        // Each address but the faulting one is a return address: one byte back is the call.
        let addresses = crash.addresses.map { address in
            "0x" + String((relative ? address &- crash.base : address) &- 1, radix: 16)
        }
        guard let symbols = run(symbolizer, ["--output-style=JSON", "--inlines", "--obj=\(binary.path)"] + addresses, folder: folder),
              let entries = try? JSONSerialization.jsonObject(with: Data(symbols.utf8)) as? [[String: Any]] else { return nil }
        for entry in entries {
            for symbol in entry["Symbol"] as? [[String: Any]] ?? [] where Self.sameFile(symbol["FileName"] as? String, learnerFile) {
                let mangled = symbol["FunctionName"] as? String ?? ""
                let demangled = run(demangler, ["--simplified", "--compact", mangled], folder: folder)?
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                return Frame(function: Self.readable(demangled ?? mangled), line: symbol["Line"] as? Int ?? 0)
            }
        }
        return nil
    }

    /// Whether a file named by the line tables is the learner's snapshot.
    static func sameFile(_ named: String?, _ learnerFile: String) -> Bool {
        guard let named else { return false }
        return named == learnerFile || URL(fileURLWithPath: named).standardizedFileURL.path == URL(fileURLWithPath: learnerFile).standardizedFileURL.path
    }

    /// A demangled name as a learner writes it: no generic parameter clauses, no partial-function
    /// wording of async functions ("(1) await resume partial function for …"), and a closure
    /// named by the function it is written in.
    static func readable(_ name: String) -> String {
        var text = name
        if let range = text.range(of: "partial function for ") { text = String(text[range.upperBound...]) }
        var out = ""
        var depth = 0
        for character in text {
            if character == "<" { depth += 1; continue }
            if character == ">" && depth > 0 { depth -= 1; continue }
            if depth == 0 { out.append(character) }
        }
        if out.hasPrefix("closure #") || out.hasPrefix("implicit closure #"), let last = out.range(of: " in ", options: .backwards) {
            out = "a closure in " + out[last.upperBound...]
        }
        return out.isEmpty ? name : out
    }

    private func run(_ tool: String, _ arguments: [String], folder: URL) -> String? {
        let output = folder.appendingPathComponent("symbolizer-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: output) }
        guard FileManager.default.isExecutableFile(atPath: tool),
              let result = try? launcher.run(ProcessRequest(
                  executable: tool, arguments: arguments, environment: ProcessInfo.processInfo.environment,
                  outputFile: output.path, timeLimit: 30, errorFile: "/dev/null")),
              result.exitStatus == 0 else { return nil }
        return try? String(contentsOf: output, encoding: .utf8)
    }
}
