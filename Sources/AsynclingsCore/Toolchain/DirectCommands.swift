import Foundation

/// The compiler's own jobs for a check, asked of `swiftc -###` once per harness build and kept:
/// the frontend job that compiles an answer, and the linker job that links it. Running them
/// directly skips the driver (and, for the link, the clang driver and `swift-autolink-extract`),
/// about a quarter of a second per check on a 2-core machine (measured in Scripts/bench).
struct DirectCommands: Codable, Equatable {
    /// The frontend job, with the placeholders below for the answer, its object and its module folder.
    let compile: [String]
    /// The linker job, with placeholders for the answer's object, the suite object, the binary
    /// and the libraries the objects ask for (their autolink entries).
    let link: [String]

    static let answer = "/@asynclings-answer@.swift"
    static let object = "/@asynclings-object@.o"
    static let module = "/@asynclings-module@"
    static let suite = "/@asynclings-suite@.o"
    static let binary = "/@asynclings-binary@"
    static let libraries = "-l@asynclings-autolink@"

    /// The frontend job for one answer.
    func compile(answer: String, object: String, moduleFolder: String) -> [String] {
        compile.map { argument in
            argument.replacingOccurrences(of: Self.answer, with: answer)
                .replacingOccurrences(of: Self.object, with: object)
                .replacingOccurrences(of: Self.module, with: moduleFolder)
        }
    }

    /// The linker job for one answer.
    func link(object: String, suite: String, binary: String, libraries: [String]) -> [String] {
        link.flatMap { argument -> [String] in
            if argument == Self.libraries { return libraries }
            return [argument.replacingOccurrences(of: Self.object, with: object)
                .replacingOccurrences(of: Self.suite, with: suite)
                .replacingOccurrences(of: Self.binary, with: binary)]
        }
    }

    /// Asks the driver for both jobs; nil when its answer is not the shape expected (then a
    /// check uses `swiftc` as it is).
    static func derive(toolchain: Toolchain, compileFlags: [String], linkFlags: [String], launcher: any ProcessLaunching, environment: [String: String], scratch: URL) -> DirectCommands? {
        // clang checks that its inputs exist before it prints its jobs: stand-ins are made for them.
        let folder = scratch.appendingPathComponent("asynclings-jobs-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let standIns = [object: folder.appendingPathComponent("answer.o").path, suite: folder.appendingPathComponent("suite.o").path]
        for path in standIns.values { _ = FileManager.default.createFile(atPath: path, contents: Data()) }
        guard let compileJobs = jobs(toolchain.swiftc, environment: environment, compileFlags + ["-c", answer, "-o", object, "-emit-module", "-emit-module-path", module + "/Solution.swiftmodule"], launcher: launcher, scratch: folder),
              compileJobs.count == 1, compileJobs[0].first?.hasSuffix("swift-frontend") == true,
              let linkJobs = jobs(toolchain.swiftc, environment: environment, linkFlags + [standIns[object]!, standIns[suite]!, "-o", binary], launcher: launcher, scratch: folder),
              let driver = linkJobs.last, driver.first?.hasSuffix("clang") == true || driver.first?.hasSuffix("clang++") == true
        else { return nil }
        // The clang job reads the autolink entries from a response file; ask clang for its own
        // linker job with a placeholder in their place.
        let clangArguments = driver.dropFirst().map { $0.hasPrefix("@") && $0.hasSuffix(".autolink") ? libraries : $0 }
        guard let printed = jobs(driver[0], environment: environment, ["-###"] + clangArguments, launcher: launcher, scratch: folder, asked: false)?.last,
              printed.first?.hasSuffix("ld.lld") == true || printed.first?.hasSuffix("ld") == true,
              printed.contains(libraries)
        else { return nil }
        let linker = printed.map { argument in argument == standIns[object] ? object : argument == standIns[suite] ? suite : argument }
        guard linker.contains(object), linker.contains(suite) else { return nil }
        return DirectCommands(compile: compileJobs[0], link: linker)
    }

    /// The jobs `program -###` prints, split into arguments.
    private static func jobs(_ program: String, environment: [String: String], _ arguments: [String], launcher: any ProcessLaunching, scratch: URL, asked: Bool = true) -> [[String]]? {
        let log = scratch.appendingPathComponent("jobs-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: log) }
        guard let result = try? launcher.run(ProcessRequest(
            executable: program, arguments: (asked ? ["-###"] : []) + arguments,
            environment: environment, outputFile: log.path, timeLimit: 60)),
              result.exitStatus == 0, let text = try? String(contentsOf: log, encoding: .utf8) else { return nil }
        return text.split(separator: "\n").map { words(String($0)) }.filter { $0.first?.hasPrefix("/") == true }
    }

    /// Splits a printed command line into arguments: double and single quotes, and backslashes.
    static func words(_ line: String) -> [String] {
        var words: [String] = [], current = "", quote: Character?, escaped = false, started = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" && quote != "'" {
                escaped = true
                started = true
            } else if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
                started = true
            } else if character == " " {
                if started { words.append(current) }
                current = ""
                started = false
            } else {
                current.append(character)
                started = true
            }
        }
        if started { words.append(current) }
        return words
    }
}
