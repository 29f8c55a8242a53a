#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The learner's folder: one file per exercise, plus the tutor's hidden `.asynclings/` folder.
public struct Workspace: Sendable {
    /// The workspace folder (default `./practice`).
    public let folder: URL

    /// Creates a workspace at `folder`.
    public init(folder: URL) { self.folder = folder }

    /// The tutor's own folder.
    public var stateFolder: URL { folder.appendingPathComponent(".asynclings") }
    /// Where `reset` keeps copies of replaced files.
    public var backupFolder: URL { stateFolder.appendingPathComponent("backup") }

    /// The learner's file for an exercise.
    public func file(for exercise: Exercise) -> URL {
        folder.appendingPathComponent("\(exercise.name).swift")
    }

    /// When `file` was last saved, or nil if it is missing; the practice screen and the
    /// interview poll this to re-check on every save.
    public static func modificationDate(of file: URL) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: file.path))?[.modificationDate] as? Date
    }

    /// The stamp in backup names: the UTC date and time, e.g. 20260314-091502.
    public static func stamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    /// `url` if nothing is there yet, else the same name with -2, -3, … before the extension:
    /// backups and set-aside files made within the same second never replace each other.
    public static func unused(_ url: URL) -> URL {
        let fileManager = FileManager.default
        guard fileManager.fileExists(atPath: url.path) else { return url }
        let folder = url.deletingLastPathComponent()
        let base = url.deletingPathExtension().lastPathComponent, suffix = url.pathExtension
        var number = 2
        while true {
            let candidate = folder.appendingPathComponent("\(base)-\(number)" + (suffix.isEmpty ? "" : ".\(suffix)"))
            if !fileManager.fileExists(atPath: candidate.path) { return candidate }
            number += 1
        }
    }

    /// A fresh practice file: the exercise's signature and rules as a header comment, then the starter.
    public static func starterText(for exercise: Exercise) throws -> Data {
        let starter = try Data(contentsOf: exercise.starterFile)
        return Data(ExerciseBrief(exercise).headerComment(exercise: exercise).utf8) + starter
    }

    /// Whether `file` is still the starter as copied (with or without the header comment):
    /// checking it says nothing about the learner yet.
    public static func isUntouchedStarter(_ file: URL, exercise: Exercise) -> Bool {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return false }
        return isUntouchedStarter(text: text, exercise: exercise)
    }

    /// Whether `text` is the starter of `exercise`, as copied (with or without the header).
    public static func isUntouchedStarter(text: String, exercise: Exercise) -> Bool {
        guard let starter = try? String(contentsOf: exercise.starterFile, encoding: .utf8) else { return false }
        return text == starter || (try? starterText(for: exercise)).flatMap { String(data: $0, encoding: .utf8) } == text
    }

    /// The learner's file, made from the starter (`starterText`) if it does not exist yet. Never overwrites.
    @discardableResult
    public func open(_ exercise: Exercise) throws(AsynclingsError) -> URL {
        let target = file(for: exercise)
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: target.path) { return target }
        let fresh = folder.appendingPathComponent(".\(exercise.name).swift.new-\(getpid())")
        do {
            try fileManager.createDirectory(at: folder, withIntermediateDirectories: true)
            try Self.starterText(for: exercise).write(to: fresh)
            // Written aside, then moved: the file never appears half written. A file the learner
            // created meanwhile is kept (the move refuses to replace it).
            do {
                try fileManager.moveItem(at: fresh, to: target)
            } catch where fileManager.fileExists(atPath: target.path) {
                try? fileManager.removeItem(at: fresh)
            }
        } catch {
            try? fileManager.removeItem(at: fresh)
            throw .toolFailure("cannot create \(target.path) from the starter: \(folder.path) is not writable (or the disk is full).", fix: "Make \(folder.path) writable, or choose another workspace with --workspace DIR.")
        }
        return target
    }

    /// The compilation database editors read (SourceKit-LSP: VS Code's Swift extension, Neovim,
    /// Emacs), so `import InterviewKit` resolves and Swift 6 errors show while typing.
    public var compileCommandsFile: URL { folder.appendingPathComponent("compile_commands.json") }

    /// The flags an editor compiles a practice file with: a check's answer flags without library
    /// evolution. A check needs it so the answer's layout agrees with the suite's; it changes
    /// nothing Swift 6 reports about the learner's code, and in an editor it would only put a
    /// warning the learner cannot act on ("not compiled with library evolution support") on
    /// every import.
    static let editorFlags = SuiteBuild.answerFlags.filter { $0 != "-enable-library-evolution" }

    /// The practice and mock-interview files, each compiled as a check compiles an answer:
    /// alone, as module `Solution`, with the editor's flags and the harness build's `kit/` folder.
    func compileCommands(swiftc: String, kitFolder: URL) -> Data? {
        let fileManager = FileManager.default
        var files: [URL] = []
        for subfolder in [folder, folder.appendingPathComponent("interview")] {
            let names = (try? fileManager.contentsOfDirectory(atPath: subfolder.path)) ?? []
            files += names.filter { $0.hasSuffix(".swift") && !$0.hasPrefix(".") }.sorted().map { subfolder.appendingPathComponent($0) }
        }
        let entries: [[String: Any]] = files.map { file in
            [
                "directory": file.deletingLastPathComponent().path,
                "file": file.path,
                "arguments": [swiftc] + Self.editorFlags + ["-I", kitFolder.path, "-c", file.path],
            ]
        }
        return try? JSONSerialization.data(withJSONObject: entries, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }

    /// Writes `compile_commands.json` for the harness build at `kitFolder`, when what it would
    /// say differs from what is there (a new file, or a new harness build after a toolchain or
    /// harness change). A workspace that cannot be written is left as it is.
    public func writeCompileCommands(swiftc: String, kitFolder: URL) {
        guard let data = compileCommands(swiftc: swiftc, kitFolder: kitFolder),
              FileManager.default.contents(atPath: compileCommandsFile.path) != data,
              FileManager.default.fileExists(atPath: folder.path) else { return }
        try? data.write(to: compileCommandsFile, options: .atomic)
    }

    /// Writes `compile_commands.json` for `checker`'s harness build if that build is ready;
    /// it never starts one (the first check does).
    public func updateEditorSupport(_ checker: Checker) {
        guard let key = try? checker.harness.key(toolchain: checker.toolchain) else { return }
        let build = checker.harness.folder.appendingPathComponent(key)
        guard FileManager.default.fileExists(atPath: build.appendingPathComponent("ready").path) else { return }
        writeCompileCommands(swiftc: checker.toolchain.swiftc, kitFolder: HarnessCache.Build(folder: build, wasBuilt: false).kitFolder)
    }

    /// Copies the learner's file to the backup folder, then puts the starter in its place with
    /// one rename, so the file is never missing or half written. Returns the backup.
    public func reset(_ exercise: Exercise, stamp: String) throws(AsynclingsError) -> URL? {
        let target = file(for: exercise)
        let fileManager = FileManager.default
        var backup: URL?
        let fresh = folder.appendingPathComponent(".\(exercise.name).swift.starter-\(stamp)")
        do {
            if fileManager.fileExists(atPath: target.path) {
                try fileManager.createDirectory(at: backupFolder, withIntermediateDirectories: true)
                let copy = Self.unused(backupFolder.appendingPathComponent("\(exercise.name)-\(stamp).swift"))
                try fileManager.copyItem(at: target, to: copy)
                backup = copy
            }
            try fileManager.createDirectory(at: folder, withIntermediateDirectories: true)
            try Self.starterText(for: exercise).write(to: fresh)
            guard rename(fresh.path, target.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            try? fileManager.removeItem(at: fresh)
            throw .toolFailure("cannot reset \(target.path): the workspace is not writable (or the disk is full).", fix: "Your file was not changed. Make \(folder.path) writable, or choose another workspace with --workspace DIR.")
        }
        return backup
    }
}
