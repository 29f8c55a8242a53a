import Foundation
import InterviewHarness
import InterviewKit
import XCTest

final class LayoutProbeTests: XCTestCase {
    func test_correctness_summarizes() throws {
        let meter = Meter()
        let summary = summarize([1, 2, 3, 4], on: meter)
        expect(summary.count == 4 && summary.total == 10, "summarize gave count \(summary.count), total \(summary.total); expected 4 and 10.")
        expect(meter.last.total == 10, "the meter's last total is \(meter.last.total); expected 10.")
    }
}
