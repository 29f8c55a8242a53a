import Foundation

/// The exercises in a catalog folder, in teaching order.
public struct Catalog: Sendable {
    /// The catalog folder.
    public let folder: URL
    /// Every exercise, ordered by number.
    public let exercises: [Exercise]
    /// Folders that could not be read, by folder name, with what is wrong.
    public let problems: [String: AsynclingsError]

    /// Reads every `NN-name/exercise.json` under `folder`.
    public init(folder: URL) throws(AsynclingsError) {
        self.folder = folder
        let fileManager = FileManager.default
        guard let entries = try? fileManager.contentsOfDirectory(atPath: folder.path) else {
            throw .toolFailure("cannot read the exercise catalog at \(folder.path).", fix: "Run asynclings from its source folder, or point --catalog (or ASYNCLINGS_CATALOG) at the exercises/ folder.")
        }
        var found: [Exercise] = []
        var problems: [String: AsynclingsError] = [:]
        for entry in entries.sorted() {
            guard let dash = entry.firstIndex(of: "-"), let number = Int(entry[..<dash]) else { continue }
            let exerciseFolder = folder.appendingPathComponent(entry)
            do {
                found.append(try Self.load(exerciseFolder, number: number))
            } catch {
                problems[entry] = error
            }
        }
        self.problems = problems
        if found.isEmpty, let problem = problems.values.first { throw problem }
        guard !found.isEmpty else {
            throw .toolFailure("the catalog at \(folder.path) holds no exercises (folders named like 01-fetch-all).", fix: "Point --catalog (or ASYNCLINGS_CATALOG) at the exercises/ folder of the asynclings source tree.")
        }
        exercises = found.sorted { $0.number < $1.number }
    }

    private static func load(_ folder: URL, number: Int) throws(AsynclingsError) -> Exercise {
        let manifestFile = folder.appendingPathComponent("exercise.json")
        let manifest: ExerciseManifest
        do {
            manifest = try JSONDecoder().decode(ExerciseManifest.self, from: Data(contentsOf: manifestFile))
        } catch {
            throw .toolFailure("cannot read \(manifestFile.path): \(Self.explain(error))", fix: "Fix that file (see docs/AUTHORING.md for its fields), or restore it from git.")
        }
        return Exercise(
            number: number, name: manifest.name, title: manifest.title, difficulty: manifest.difficulty,
            seeds: manifest.seeds ?? [], concepts: manifest.concepts ?? [], latency: manifest.latency,
            timeLimitSeconds: manifest.timeLimitSeconds ?? 10, review: manifest.review ?? .init(),
            raceTests: manifest.raceTests ?? [], starterCompiles: manifest.starterCompiles ?? true,
            wholeModule: manifest.check == "whole-module", compilerFlags: manifest.compilerFlags ?? [],
            timelineTest: manifest.timelineTest, timelineFlaw: manifest.timelineFlaw, folder: folder)
    }

    private static func explain(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "the field \"\(key.stringValue)\" is missing."
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "the field \"\(context.codingPath.map(\.stringValue).joined(separator: "."))\" has the wrong type."
        case DecodingError.dataCorrupted(let context) where !context.codingPath.isEmpty:
            let field = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
            let known = field.hasPrefix("review.off") ? " (the rule ids are \(ReviewRule.allCases.map(\.rawValue).joined(separator: ", ")))" : ""
            return "the field \"\(field)\" holds a value the tutor does not know\(known)."
        case DecodingError.dataCorrupted: return "it is not valid JSON."
        default: return (error as NSError).localizedDescription
        }
    }

    /// The exercise named by slug ("fetch-all") or number ("1"), or a usage error with suggestions.
    public func exercise(named name: String) throws(AsynclingsError) -> Exercise {
        if let number = Int(name), let match = exercises.first(where: { $0.number == number }) { return match }
        if let match = exercises.first(where: { $0.name == name.lowercased() }) { return match }
        if let broken = problems.first(where: { $0.key.hasSuffix("-\(name.lowercased())") || Int($0.key.prefix(while: \.isNumber)) == Int(name) }) {
            throw broken.value
        }
        if Int(name) != nil, let first = exercises.first?.number, let last = exercises.last?.number {
            throw .usage("there is no exercise number \(name); the exercises are numbered \(first) to \(last).", fix: "Run `asynclings list` to see every exercise by number and name.")
        }
        let suggestions = NameSuggestions.closest(to: name.lowercased(), among: exercises.map(\.name))
        var message = "there is no exercise called \"\(name)\"."
        if !suggestions.isEmpty {
            message += " Did you mean \(suggestions.joined(separator: " or "))?"
        }
        throw .usage(message, fix: "Run `asynclings list` to see every exercise by number and name.")
    }
}
