import ResultsFormat
import XCTest

/// An XCTest observer that writes each test's start, failures and end to the results
/// channel as they happen, so a crash loses only the test that crashed.
public final class ResultsReporter: NSObject, XCTestObservation {
    /// Creates the reporter.
    public override init() {}

    public func testCaseWillStart(_ testCase: XCTestCase) {
        let name = Self.methodName(testCase)
        ResultsChannel.runningTest = name
        ResultsChannel.send(["event": ResultsFormat.Event.start.rawValue, "test": name, "output": ResultsChannel.outputOffset()])
    }

    public func testCase(
        _ testCase: XCTestCase, didFailWithDescription description: String,
        inFile filePath: String?, atLine lineNumber: Int
    ) {
        if description.contains(TestStopped.marker) { return }
        var message = description
        if message.hasPrefix("failed - ") { message.removeFirst("failed - ".count) }
        ResultsChannel.send(["event": ResultsFormat.Event.fail.rawValue, "test": Self.methodName(testCase), "message": message])
    }

    public func testCaseDidFinish(_ testCase: XCTestCase) {
        TimelineRecorder.flush(test: Self.methodName(testCase))
        let passed = testCase.testRun?.hasSucceeded ?? false
        ResultsChannel.send([
            "event": ResultsFormat.Event.end.rawValue, "test": Self.methodName(testCase), "passed": passed,
            "output": ResultsChannel.outputOffset(),
        ])
        ResultsChannel.runningTest = nil
    }

    public func testBundleDidFinish(_ testBundle: Bundle) {
        ResultsChannel.finish()
    }

    /// "Suite.test_x" → "test_x".
    static func methodName(_ testCase: XCTestCase) -> String {
        let name = testCase.name
        if let dot = name.lastIndex(of: ".") { return String(name[name.index(after: dot)...]) }
        return name
    }
}

/// Thrown to end a test after its teaching message has been recorded; never reported itself.
public struct TestStopped: Error, CustomStringConvertible {
    static let marker = "«test stopped»"
    /// Creates the error.
    public init() {}
    public var description: String { Self.marker }
}
