import XCTest
@testable import AsynclingsCore

/// Race tests race for real (threads released together), so their verdict must not depend on
/// luck: each race exercise's reference and alternatives pass them in every one of 20 runs, and
/// each flawed answer that fails a race test in a normal check fails it in every one of 20 runs.
/// Each file is compiled once and its race tests run 20 times.
final class RaceRepeatTests: XCTestCase {
    static let runs = 20

    func testRaceVerdictsAreTheSameInEveryRun() throws {
        let catalog = try TestSupport.catalog
        let checker = try TestSupport.checker()
        let cases = VerifyCommand.cases(catalog).filter { !$0.exercise.raceTests.isEmpty && $0.role != .starter }
        XCTAssertFalse(cases.isEmpty)
        for check in cases {
            let label = "\(check.exercise.name) \(check.role)"
            let report = try checker.check(check.exercise, file: check.file, displayPath: check.file.lastPathComponent)
            // Race tests the answer fails (not those a crash or time-out before them left unrun).
            let failingRaces = Set(report.tests.filter { check.exercise.raceTests.contains($0.name) && [.fail, .crash, .timeout].contains($0.status) }.map(\.name))
            if !check.role.isCorrect && failingRaces.isEmpty { continue }
            guard let runs = try checker.raceRuns(check.exercise, file: check.file, times: Self.runs) else {
                XCTFail("\(label) did not build")
                continue
            }
            for (index, results) in runs.enumerated() {
                let failing = Set(results.filter { $0.status != .pass }.map(\.name))
                if check.role.isCorrect {
                    XCTAssertEqual(failing, [], "\(label), run \(index + 1) of \(Self.runs): \(results.filter { $0.status != .pass }.map(\.message))")
                } else {
                    XCTAssertFalse(failing.isDisjoint(with: failingRaces), "\(label), run \(index + 1) of \(Self.runs): the race tests \(failingRaces.sorted()) all passed")
                }
            }
        }
    }
}
