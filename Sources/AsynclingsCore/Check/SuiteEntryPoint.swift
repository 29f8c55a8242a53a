/// Generates the `main.swift` that runs a hidden suite through the results channel.
///
/// corelibs XCTest has no test discovery, so the entry point lists the suite's test methods:
/// every `func test…()` of its `XCTestCase` subclass, in declaration order.
struct SuiteEntryPoint: Equatable {
    /// The suite's class name.
    let className: String
    /// Its test methods, in declaration order.
    let tests: [String]

    /// Reads the class and test names from the suite's source.
    init(suiteSource: String) throws(AsynclingsError) {
        var className: String?
        var tests: [String] = []
        for line in suiteSource.split(separator: "\n", omittingEmptySubsequences: false) {
            let words = line.split(whereSeparator: { " \t(:{".contains($0) })
            if className == nil, let index = words.firstIndex(of: "class"), index + 2 < words.count, words[index + 2] == "XCTestCase" {
                className = String(words[index + 1])
            }
            if let index = words.firstIndex(of: "func"), index + 1 < words.count, words[index + 1].hasPrefix("test"),
               line.contains("\(words[index + 1])()") {
                tests.append(String(words[index + 1]))
            }
        }
        guard let className, !tests.isEmpty else {
            throw .toolFailure("the hidden suite has no XCTestCase class with test methods.", fix: "Fix the exercise's Tests.swift (see docs/AUTHORING.md).")
        }
        self.className = className
        self.tests = tests
    }

    /// The category a test belongs to, from its name: `test_concurrency_x` → "concurrency".
    static func category(of test: String) -> String {
        let parts = test.split(separator: "_")
        return parts.count > 1 ? String(parts[1]) : "correctness"
    }

    /// The source of `main.swift`.
    var source: String {
        let entries = tests.map { "        (\"\($0)\", \($0))," }.joined(separator: "\n")
        return """
        import InterviewHarness
        import XCTest

        extension \(className) {
            static var __asynclingsTests: [(String, (\(className)) -> () throws -> Void)] {
                [
        \(entries)
                ]
            }
        }

        runHiddenSuite([testCase(\(className).__asynclingsTests)])

        """
    }
}
