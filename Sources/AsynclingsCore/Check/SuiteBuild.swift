import Foundation

/// What a check of one exercise needs besides the answer, built once per exercise and cached:
/// a stub module `Solution` made from the starter (or the exercise's `Stub.swift`), the hidden
/// suite and its entry point compiled against that stub as a module of their own (so nothing an
/// answer declares can change what the suite calls), and the interface the suite uses.
struct SuiteBuild: Sendable {
    /// The ready artefacts of one exercise.
    struct Artefacts: Sendable {
        /// Their folder.
        let folder: URL
        /// The suite and its entry point, one object.
        var suiteObject: URL { folder.appendingPathComponent("suite.o") }
        /// The suite's test methods, in declaration order.
        let tests: [String]
        /// The declarations the suite uses.
        let interface: Interface
        /// The libraries the suite object asks the linker for.
        let autolinkEntries: [String]
        /// Whether answers are compiled in one module with the suite (the exercise asks for it,
        /// or the suite uses a struct or class the learner declares: see `prepare`).
        var wholeModule = false
        /// Whether this call built them.
        let wasBuilt: Bool
    }

    /// What the cache stores beside the object.
    private struct Manifest: Codable {
        let tests: [String]
        let interface: Interface
        let autolinkEntries: [String]
        var wholeModule = false
    }

    /// Changes when what a suite build holds changes shape.
    static let layoutVersion = "suite-layout-3"
    /// The name the suite's own module is compiled under.
    static let suiteModule = "HiddenSuite"
    /// The name an answer (and the stub) is compiled under.
    static let answerModule = "Solution"
    /// Flags the stub and every answer are compiled with, so their layouts agree across modules.
    static let answerFlags = ["-swift-version", "6", "-parse-as-library", "-enable-testing", "-enable-library-evolution", "-module-name", answerModule]

    /// The compiler.
    let toolchain: Toolchain
    /// Runs it.
    let launcher: any ProcessLaunching
    /// The environment it runs with.
    let environment: [String: String]
    /// The harness build the suite links against.
    let harness: HarnessCache.Build

    /// The exercise's ready artefacts, building them first if needed.
    func prepare(_ exercise: Exercise) throws(AsynclingsError) -> Artefacts {
        let suiteSource = try read(exercise.testsFile, what: "hidden suite", exercise: exercise)
        let stubFile = exercise.stubFile
        let stubSource = try read(stubFile, what: "interface stub", exercise: exercise)
        let entryPoint = try SuiteEntryPoint(suiteSource: suiteSource)
        var hash = StableHash()
        for part in [harness.key, exercise.name, suiteSource, stubSource, Self.answerFlags.joined(separator: " "), Self.layoutVersion,
                     exercise.compilerFlags.joined(separator: " "), exercise.wholeModule ? "whole-module" : "split"] {
            hash.combine(part)
            hash.combine([0])
        }
        let suites = harness.folder.appendingPathComponent("suites")
        let target = suites.appendingPathComponent("\(exercise.name)-\(hash.hex)")
        let fileManager = FileManager.default
        if let manifest = loadManifest(target) {
            return Artefacts(folder: target, tests: manifest.tests, interface: manifest.interface, autolinkEntries: manifest.autolinkEntries, wholeModule: manifest.wholeModule, wasBuilt: false)
        }
        AbandonedFolders.remove(in: suites, prefix: "staging-")
        let staging = suites.appendingPathComponent(AbandonedFolders.name(prefix: "staging-"))
        do {
            try fileManager.createDirectory(at: staging.appendingPathComponent("stub"), withIntermediateDirectories: true)
        } catch {
            throw .toolFailure("cannot create the build cache at \(suites.path).", fix: "Make that folder writable, or point ASYNCLINGS_CACHE at a writable folder.")
        }
        Interruption.track(folder: staging)
        defer {
            try? fileManager.removeItem(at: staging)
            Interruption.forget(folder: staging)
        }
        if exercise.wholeModule {
            // Nothing is compiled ahead: the suite and its entry point are kept for each check.
            return try storeWholeModule(exercise, suiteSource: suiteSource, entryPoint: entryPoint, staging: staging, target: target, suites: suites)
        }
        // 1. The stub module, and its ABI descriptor.
        let stubModule = staging.appendingPathComponent("stub/\(Self.answerModule).swiftmodule")
        try compile(Self.answerFlags + exercise.compilerFlags + toolchain.fastFlags + [
            "-I", harness.kitFolder.path, "-emit-module", "-emit-module-path", stubModule.path, stubFile.path,
        ], in: staging, exercise: exercise, what: "its interface stub (\(stubFile.lastPathComponent))")
        // 2. The suite and its entry point, against the stub.
        let suiteCopy = staging.appendingPathComponent("Tests.swift")
        let main = staging.appendingPathComponent("main.swift")
        do {
            try ("@testable import \(Self.answerModule)\n" + suiteSource).write(to: suiteCopy, atomically: false, encoding: .utf8)
            try entryPoint.source.write(to: main, atomically: false, encoding: .utf8)
        } catch {
            throw .toolFailure("cannot write to the build cache at \(staging.path).", fix: "Free some disk space, or point ASYNCLINGS_CACHE at a writable folder.")
        }
        let object = staging.appendingPathComponent("suite.o")
        try compile(["-swift-version", "6", "-module-name", Self.suiteModule] + exercise.compilerFlags + toolchain.fastFlags + [
            "-I", staging.appendingPathComponent("stub").path, "-I", harness.folder.path,
            "-c", suiteCopy.path, main.path, "-o", object.path,
        ], in: staging, exercise: exercise, what: "its hidden suite against the starter's declarations")
        // 3. The interface: the stub's declarations the suite object refers to.
        let descriptor = (try? Data(contentsOf: staging.appendingPathComponent("stub/\(Self.answerModule).abi.json"))) ?? Data()
        let suiteObject = ObjectFile((try? Data(contentsOf: object)) ?? Data())
        let references = suiteObject?.references(to: [Self.answerModule]) ?? []
        let interface = Interface(stub: Interface.declarations(inDescriptor: descriptor), references: references, stubSource: stubSource)
        // A struct or a class (not an actor) of the learner's that the suite uses is read at the
        // starter's layout: across modules, internal types are not resilient even with library
        // evolution (`@testable import`), so an answer with other stored properties would be
        // misread. Such an exercise is checked as one module with its suite instead.
        if interface.declarations.contains(where: \.isLayoutFragile) {
            try? FileManager.default.removeItem(at: staging)
            try? FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
            return try storeWholeModule(exercise, suiteSource: suiteSource, entryPoint: entryPoint, staging: staging, target: target, suites: suites)
        }
        let manifest = Manifest(tests: entryPoint.tests, interface: interface, autolinkEntries: suiteObject?.autolinkEntries ?? [])
        do {
            try JSONEncoder().encode(manifest).write(to: staging.appendingPathComponent("manifest.json"))
            try? fileManager.removeItem(at: target)
            try fileManager.moveItem(at: staging, to: target)
        } catch {
            // Another tutor finished first; its build is as good as ours.
            guard loadManifest(target) != nil else {
                throw .toolFailure("cannot store the suite build in \(target.path).", fix: "Make \(suites.path) writable, or point ASYNCLINGS_CACHE at a writable folder.")
            }
        }
        removeSuperseded(exercise, keeping: target.lastPathComponent, in: suites)
        return Artefacts(folder: target, tests: manifest.tests, interface: manifest.interface, autolinkEntries: manifest.autolinkEntries, wasBuilt: true)
    }

    /// For a whole-module exercise: the suite and its entry point, stored for each check to compile with the answer.
    private func storeWholeModule(_ exercise: Exercise, suiteSource: String, entryPoint: SuiteEntryPoint, staging: URL, target: URL, suites: URL) throws(AsynclingsError) -> Artefacts {
        let manifest = Manifest(tests: entryPoint.tests, interface: Interface(declarations: []), autolinkEntries: [], wholeModule: true)
        do {
            try suiteSource.write(to: staging.appendingPathComponent("Tests.swift"), atomically: false, encoding: .utf8)
            try entryPoint.source.write(to: staging.appendingPathComponent("main.swift"), atomically: false, encoding: .utf8)
            try JSONEncoder().encode(manifest).write(to: staging.appendingPathComponent("manifest.json"))
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.moveItem(at: staging, to: target)
        } catch {
            guard loadManifest(target) != nil else {
                throw .toolFailure("cannot store the suite build in \(target.path).", fix: "Make \(suites.path) writable, or point ASYNCLINGS_CACHE at a writable folder.")
            }
        }
        removeSuperseded(exercise, keeping: target.lastPathComponent, in: suites)
        return Artefacts(folder: target, tests: manifest.tests, interface: manifest.interface, autolinkEntries: [], wholeModule: true, wasBuilt: true)
    }

    private func loadManifest(_ folder: URL) -> Manifest? {
        let fileManager = FileManager.default
        guard let data = try? Data(contentsOf: folder.appendingPathComponent("manifest.json")),
              fileManager.fileExists(atPath: folder.appendingPathComponent("suite.o").path)
                || fileManager.fileExists(atPath: folder.appendingPathComponent("main.swift").path) else { return nil }
        return try? JSONDecoder().decode(Manifest.self, from: data)
    }

    /// Builds of this exercise for an older suite or stub.
    private func removeSuperseded(_ exercise: Exercise, keeping name: String, in suites: URL) {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: suites.path)) ?? []
        for entry in entries where entry != name && entry.hasPrefix("\(exercise.name)-") {
            try? FileManager.default.removeItem(at: suites.appendingPathComponent(entry))
        }
    }

    private func read(_ file: URL, what: String, exercise: Exercise) throws(AsynclingsError) -> String {
        do {
            return try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw .toolFailure("cannot read the \(what) of \(exercise.name) at \(file.path).", fix: "Restore the catalog folder from git.")
        }
    }

    private func compile(_ arguments: [String], in folder: URL, exercise: Exercise, what: String) throws(AsynclingsError) {
        let log = folder.appendingPathComponent("compile.log")
        var environment = environment
        environment["TMPDIR"] = folder.path
        let result = try launcher.run(ProcessRequest(
            executable: toolchain.swiftc, arguments: arguments, environment: environment, outputFile: log.path, timeLimit: 300))
        guard result.exitStatus == 0 else {
            let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            throw .toolFailure("\(exercise.name): \(what) did not compile:\n\(output.suffix(2000))", fix: "Fix the exercise (see docs/AUTHORING.md), or restore the catalog from git.")
        }
    }
}
