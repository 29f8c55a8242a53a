import Foundation
import InterviewHarness
import InterviewKit
import XCTest

private struct Five: Source {
    func next() async -> Int { 5 }
}

final class GuardProbeTests: XCTestCase {
    func test_correctness_lights() throws {
        let names = [1, 2].map { value -> String in
            switch light(for: value) {
            case .green: return "green"
            case .red: return "red"
            default: return "other"
            }
        }
        expect(names == ["red", "green"], "light(for:) gave \(names) for 1 and 2; expected red, green.")
    }

    func test_concurrency_countsInAnActor() throws {
        let time = VirtualTime()
        let counter = Counter(clock: time.clock)
        let outcome = time.run { () async -> Int in
            _ = await counter.add(from: Five())
            return await counter.add(from: Five())
        }
        let total = try outcome.requireValue("two adds")
        expect(total == 10, "two adds of 5 gave \(total); expected 10.")
    }
}
