import Foundation
import InterviewHarness
import InterviewKit
import XCTest

nonisolated final class WholeModuleProbeTests: XCTestCase {
    func test_correctness_doubles() throws {
        let values = [1, 2, 5].map(double)
        expect(values == [2, 4, 10], "double gave \(values) for 1, 2 and 5; expected 2, 4, 10.")
    }
}
