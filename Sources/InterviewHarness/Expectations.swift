import XCTest

/// Records `message` as a failure unless `condition` holds. Messages teach: say what was
/// observed and what was expected, with numbers.
public func expect(
    _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
    file: StaticString = #filePath, line: UInt = #line
) {
    if !condition() { XCTFail(message(), file: file, line: line) }
}

extension RunOutcome {
    /// The value the call returned; otherwise records why it did not and stops the test.
    public func requireValue(
        _ call: String, file: StaticString = #filePath, line: UInt = #line
    ) throws -> T {
        switch ending {
        case .returned(let value):
            return value
        case .threw(let error):
            XCTFail("\(call) threw \(describe(error)) at \(elapsed.seconds) of virtual time; expected it to return.", file: file, line: line)
        case .stuck, .ranAway:
            XCTFail(unfinishedMessage(call), file: file, line: line)
        }
        throw TestStopped()
    }

    /// The error the call threw; otherwise records what happened instead and stops the test.
    public func requireError(
        _ call: String, file: StaticString = #filePath, line: UInt = #line
    ) throws -> any Error {
        switch ending {
        case .threw(let error):
            return error
        case .returned:
            XCTFail("\(call) returned at \(elapsed.seconds) of virtual time; expected it to throw.", file: file, line: line)
        case .stuck, .ranAway:
            XCTFail(unfinishedMessage(call), file: file, line: line)
        }
        throw TestStopped()
    }

    /// Records a failure and stops the test if the call did not finish.
    public func requireFinished(
        _ call: String, file: StaticString = #filePath, line: UInt = #line
    ) throws {
        if !finished {
            XCTFail(unfinishedMessage(call), file: file, line: line)
            throw TestStopped()
        }
    }

    /// Why a run did not finish, in words a learner can act on.
    public func unfinishedMessage(_ call: String) -> String {
        switch ending {
        case .ranAway:
            return "\(call) was still running after \(elapsed.seconds) of virtual time; expected it to finish. Is there a loop that never ends?"
        default:
            return "\(call) never finished: at \(elapsed.seconds) of virtual time nothing was ready to run and no timer was pending. Something waits for a resume that never comes: a continuation never resumed, a wait on work that was never started, or a sleep on a real clock (`Task.sleep`, `ContinuousClock`): the tests' time is virtual, and only a clock the exercise hands in follows it."
        }
    }
}

/// A short description of an error for messages: its type and, where useful, its text.
public func describe(_ error: any Error) -> String {
    if error is CancellationError { return "CancellationError" }
    let text = String(describing: error)
    let type = String(describing: Swift.type(of: error))
    return text.hasPrefix(type) ? text : "\(type) (\(text))"
}
