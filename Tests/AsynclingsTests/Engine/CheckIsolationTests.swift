import Foundation
import XCTest
@testable import AsynclingsCore

/// An answer cannot change what the hidden suite calls: it is compiled alone, as its own
/// module, against a suite compiled once; what it may declare is held against the interface
/// the suite uses; and nothing in it may bind symbols by name or run before `main`.
final class CheckIsolationTests: XCTestCase {
    private let header = "import Foundation\nimport InterviewKit\n"
    private let wrongFetchAll = "func fetchAll(_ urls: [URL], client: some HTTPClient) async throws -> [Data] { [] }\n"

    /// Declarations that shadowed the suite's calls when answer and suite were one module.
    func testDeclaringTheSuitesNamesChangesNothing() throws {
        let shadows = [
            "testCase": "func testCase(_ tests: Any) -> Int { 0 }\n",
            "runHiddenSuite": "func runHiddenSuite(_ tests: Any) -> Never { exit(0) }\n",
            "expect and RunOutcome": "func expect(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {}\nstruct RunOutcome { func requireValue(_ what: String) -> [Data] { [] } }\n",
            "a type named like the harness": "enum InterviewHarness { static func expect(_ condition: Bool, _ message: String) {} }\nenum XCTest {}\n",
            "the suite's class": "final class FetchAllTests {}\n",
        ]
        for (what, declaration) in shadows {
            let report = try TestSupport.check(header + declaration + wrongFetchAll, exercise: "fetch-all")
            XCTAssertEqual(report.verdict, .fail, "\(what): \(report.diagnostics.map(\.message))")
            XCTAssertFalse(report.interviewReady, what)
            XCTAssertEqual(report.tests.first { $0.name == "test_correctness_bodiesInInputOrder" }?.status, .fail, what)
        }
    }

    func testImportingTheTestMachineryIsRefusedOnItsLine() throws {
        for module in ["InterviewHarness", "XCTest", "Testing"] {
            let report = try TestSupport.check(header + "import \(module)\n" + wrongFetchAll, exercise: "fetch-all")
            XCTAssertEqual(report.verdict, .compileError, module)
            XCTAssertEqual(report.diagnostics.first?.line, 3, module)
            XCTAssertTrue(report.diagnostics.first?.message.contains("`import \(module)` is not allowed") ?? false, "\(report.diagnostics)")
        }
    }

    func testSymbolBindingAndStartUpAttributesAreRefusedBeforeCompiling() throws {
        let attacks = [
            "@_silgen_name(\"$s16InterviewHarness14ResultsChannelO6finishyyFZ\") func finish()\n",
            "@_cdecl(\"main\") func fakeMain() {}\n",
            "@used @section(\".init_array\") let early: @convention(c) () -> Void = { print(\"before main\") }\n",
            "@_dynamicReplacement(for: fetchAll(_:client:)) func other() {}\n",
            "@ `_silgen_name`(\"x\") func spaced()\n",
        ]
        for attack in attacks {
            let report = try TestSupport.check(header + attack + wrongFetchAll, exercise: "fetch-all")
            XCTAssertEqual(report.verdict, .compileError, attack)
            XCTAssertEqual(report.diagnostics.first?.line, 3, attack)
            XCTAssertTrue(report.diagnostics.first?.message.contains("is not allowed in an answer") ?? false, "\(attack): \(report.diagnostics)")
        }
        // The same words in a comment or a string are not code.
        let harmless = header + "// @_silgen_name is discussed here\nlet note = \"@_cdecl import XCTest\"\n" + wrongFetchAll
        XCTAssertEqual(try TestSupport.check(harmless, exercise: "fetch-all").verdict, .fail)
    }

    /// Behind the screen, the compiled object is checked too: code that runs before `main`
    /// and names outside the answer's module are refused even if the source got past it.
    func testTheObjectCheckFindsStartUpCodeAndForeignNames() throws {
        let folder = TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = folder.appendingPathComponent("attack.swift")
        try """
        @_cdecl("asynclings_probe") public func probe() {}
        @used @section(".init_array") let early: @convention(c) () -> Void = { probe() }
        @_extern(c, "getpid") func pid() -> Int32
        func mine() -> Int32 { pid() }
        """.write(to: source, atomically: true, encoding: .utf8)
        let object = folder.appendingPathComponent("attack.o")
        let toolchain = try Toolchain.locate(environment: ProcessInfo.processInfo.environment)
        let result = try ProcessRunner().run(ProcessRequest(
            executable: toolchain.swiftc,
            arguments: ["-parse-as-library", "-module-name", "Solution", "-enable-experimental-feature", "Extern", "-c", source.path, "-o", object.path],
            environment: ProcessInfo.processInfo.environment, outputFile: folder.appendingPathComponent("log").path, timeLimit: 120))
        XCTAssertEqual(result.exitStatus, 0, (try? String(contentsOf: folder.appendingPathComponent("log"), encoding: .utf8)) ?? "")
        let file = try XCTUnwrap(ObjectFile(try Data(contentsOf: object)))
        XCTAssertEqual(file.startUpSection, ".init_array")
        XCTAssertEqual(file.foreignDefinitions(module: "Solution"), ["asynclings_probe"])
        // A plain answer has neither.
        let plain = try XCTUnwrap(ObjectFile(try Data(contentsOf: TestSupport.compileObject(header + wrongFetchAll))))
        XCTAssertNil(plain.startUpSection)
        XCTAssertEqual(plain.foreignDefinitions(module: "Solution"), [])
        XCTAssertEqual(plain.references(to: ["InterviewHarness", "XCTest"]), [])
    }

    /// A different interface is a compile error that names the declaration and quotes the
    /// starter's, never a run (fixture: Tests/Fixtures/catalog/01-guard-probe).
    func testAChangedInterfaceIsACompileErrorNamingTheDeclaration() throws {
        let exercise = try TestSupport.fixture("guard-probe")
        let reference = try String(contentsOf: exercise.referenceFile, encoding: .utf8)
        let changes: [(String, String, String, String)] = [
            ("an enum gains a case", "case green, red", "case green, red, amber", "`Signal`, but its cases differ"),
            ("a protocol gains a requirement", "    func next() async -> Int\n}", "    func next() async -> Int\n    func reset()\n}", "`Source`, but its requirements differ"),
            ("an actor becomes a class", "actor Counter", "final class Counter", "`Counter`, but the starter's is an actor"),
            ("a generic requirement is added", "where C.Duration == Duration {", "where C.Duration == Duration, C: Equatable {", "`Counter`, but its generic requirements differ"),
            ("some becomes any", "from source: some Source", "from source: any Source", "`Counter.add(from:)`, but your file declares it with another signature"),
            ("a function gains a global actor", "func light(", "@MainActor func light(", "`light(for:)`, but its isolation differs"),
            ("a function is renamed", "func light(for value", "func lamp(for value", "`light(for:)`, but your file does not declare it"),
        ]
        for (what, original, changed, expected) in changes {
            XCTAssertTrue(reference.contains(original), what)
            let source = reference.replacingOccurrences(of: original, with: changed)
            let report = try TestSupport.checkWithDeadline(exercise, file: TestSupport.file(source), displayPath: "answer.swift")
            XCTAssertEqual(report.verdict, .compileError, what)
            XCTAssertTrue(report.tests.allSatisfy { $0.status == .notRun }, "\(what): never run")
            let message = report.diagnostics.map(\.message).joined(separator: "\n")
            XCTAssertTrue(message.contains("the hidden tests use \(expected)"), "\(what): \(message)")
            XCTAssertTrue(message.contains("Keep the starter's declaration (line"), "\(what): \(message)")
        }
        // Helpers, private state and extra members are the learner's business.
        let free = reference.replacingOccurrences(of: "    private var calls = 0", with: "    private var calls = 0\n    private var history: [Int] = []\n    func reset() { total = 0 }")
            + "\nprivate func helper() -> Int { 1 }\nextension Signal { var isGreen: Bool { self == .green } }\n"
        XCTAssertEqual(try TestSupport.checkWithDeadline(exercise, file: TestSupport.file(free), displayPath: "answer.swift").verdict, .pass)
    }

    func testAnAnswerThatIsNotARegularFileIsRefused() throws {
        let folder = TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("answer.swift")
        XCTAssertEqual(mkfifo(fifo.path, 0o600), 0)
        for file in [fifo, folder] {
            XCTAssertThrowsError(try TestSupport.checkWithDeadline(try TestSupport.exercise("fetch-all"), file: file, displayPath: file.lastPathComponent)) { error in
                XCTAssertEqual((error as? AsynclingsError)?.exitCode, 2)
                XCTAssertTrue((error as? AsynclingsError)?.message.contains("is not a regular file") ?? false, "\(error)")
            }
        }
    }

    /// The compiler's jobs run directly give the same reports as `swiftc` (passing, failing,
    /// a compile error, a changed interface).
    func testDirectJobsGiveTheSameReportsAsTheDriver() throws {
        let exercise = try TestSupport.exercise("fetch-all")
        var driver = try TestSupport.checker()
        driver.directJobs = false
        let direct = try TestSupport.checker()
        let files = [exercise.referenceFile, exercise.starterFile,
                     TestSupport.file(header + "func fetchAll(_ urls: [URL], client: some HTTPClient) async throws -> [Data] { let x: Int = \"no\"; return [] }\n"),
                     TestSupport.file(header + "func fetchAll(_ urls: [URL], client: any HTTPClient) async throws -> [Data] { [] }\n")]
        for file in files {
            var one = try driver.check(exercise, file: file, displayPath: "answer.swift")
            var two = try direct.check(exercise, file: file, displayPath: "answer.swift")
            one.timing = .init(compileSeconds: 0, runSeconds: 0)
            two.timing = .init(compileSeconds: 0, runSeconds: 0)
            XCTAssertEqual(one, two, file.lastPathComponent)
        }
        XCTAssertEqual(DirectCommands.words(#" "/a b/ld.lld" "-o" x\ y 'q r' -l@z"#), ["/a b/ld.lld", "-o", "x y", "q r", "-l@z"])
    }

    /// An exercise checked as one module with its suite (fixture 02-whole-module-probe, which also
    /// has its own compiler flags): the answer may declare at top level only the starter's names
    /// and private helpers, and extend only its own types.
    func testAWholeModuleExerciseRefusesNamesTheSuiteCouldBindTo() throws {
        let exercise = try TestSupport.fixture("whole-module-probe")
        XCTAssertTrue(exercise.wholeModule)
        XCTAssertEqual(exercise.compilerFlags, ["-default-isolation", "MainActor"])
        let reference = try String(contentsOf: exercise.referenceFile, encoding: .utf8)
        func check(_ source: String) throws -> Report {
            try TestSupport.checkWithDeadline(exercise, file: TestSupport.file(source), displayPath: "answer.swift")
        }
        XCTAssertEqual(try check(reference).verdict, .pass)
        XCTAssertEqual(try TestSupport.checkWithDeadline(exercise, file: exercise.starterFile, displayPath: "Starter.swift").verdict, .fail)
        let shadow = try check(reference + "func expect(_ condition: Bool, _ message: String) {}\n")
        XCTAssertEqual(shadow.verdict, .compileError)
        XCTAssertTrue(shadow.diagnostics.first?.message.contains("a top-level `expect` that the starter does not declare must be `private`") ?? false, "\(shadow.diagnostics)")
        let extending = try check(reference + "extension XCTestCase {}\n")
        XCTAssertTrue(extending.diagnostics.first?.message.contains("may not extend `XCTestCase`") ?? false, "\(extending.diagnostics)")
        // A private helper is the learner's business, and cannot reach the suite's file.
        let wrong = reference.replacingOccurrences(of: "value * 2", with: "value") + "private func expect(_ condition: Bool, _ message: String) {}\n"
        XCTAssertEqual(try check(wrong).verdict, .fail)
    }

    /// The results channel can be written (and every such line makes the run a non-pass) but
    /// never read: it is a socket, which cannot be reopened through /proc (a pipe could, with the
    /// other end's mode, and the sandbox does not prevent it), so no sealed line can be taken to
    /// test a guessed secret against.
    func testTheResultsPipeCannotBeReopenedForReading() throws {
        let source = header + """
        func fetchAll(_ urls: [URL], client: some HTTPClient) async throws -> [Data] {
            let reader = open("/proc/self/fd/3", O_RDONLY | O_NONBLOCK)
            let refused = errno
            var byte: UInt8 = 0
            let direct = recv(3, &byte, 1, Int32(MSG_DONTWAIT))
            print("reopen=\\(reader) errno=\\(refused) read3=\\(direct)")
            return []
        }
        """
        let report = try TestSupport.check(source, exercise: "fetch-all")
        let output = report.tests.compactMap(\.output).joined()
        XCTAssertTrue(output.contains("reopen=-1"), output)
        XCTAssertTrue(output.contains("read3=-1"), output)
        XCTAssertNotEqual(report.verdict, .pass)
    }

    /// A suite that uses a struct or a class (not an actor) the learner declares would read it
    /// at the starter's layout across modules (internal types are not resilient even with
    /// library evolution), so such an exercise is checked as one module with its suite: an
    /// answer with other stored properties in another order passes (fixture 03-layout-probe).
    func testAStructOrClassTheSuiteUsesIsCheckedAsOneModule() throws {
        let exercise = try TestSupport.fixture("layout-probe")
        XCTAssertFalse(exercise.wholeModule, "the exercise does not ask for it")
        XCTAssertTrue(try TestSupport.checker().artefacts(exercise).1.wholeModule)
        XCTAssertEqual(try TestSupport.checkWithDeadline(exercise, file: exercise.referenceFile, displayPath: "Reference.swift").verdict, .pass)
        XCTAssertEqual(try TestSupport.checkWithDeadline(exercise, file: exercise.starterFile, displayPath: "Starter.swift").verdict, .fail)
        // An actor, reached through its own entry points, keeps the split check.
        XCTAssertFalse(try TestSupport.checker().artefacts(try TestSupport.fixture("guard-probe")).1.wholeModule)
    }
}
