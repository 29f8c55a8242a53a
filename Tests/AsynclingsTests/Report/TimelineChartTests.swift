import Foundation
import XCTest
@testable import AsynclingsCore

/// The chart is a pure function of the spans, the width and the style: snapshots at 60, 80 and
/// 120 columns, with colour and without (set ASYNCLINGS_RECORD_SNAPSHOTS=1 to write them again).
final class TimelineChartTests: XCTestCase {
    private typealias Span = Report.Timeline.Span

    /// fetch-all's sequential answer beside the best run: a staircase against five bars at once.
    static let staircase = Report.Timeline(
        test: "test_concurrency_allRequestsInFlightTogether",
        run: .init(spans: (0..<5).map { Span(lane: "GET /\($0 + 1)", startMs: Double($0) * 300, endMs: Double($0 + 1) * 300, outcome: .ok) }, returnedMs: 1500),
        best: .init(spans: (0..<5).map { Span(lane: "GET /\($0 + 1)", startMs: 0, endMs: 300, outcome: .ok) }, returnedMs: 300))

    /// A race with every ending: a failure, a cancelled loser in the best run, one left running.
    static let race = Report.Timeline(
        test: "test_cancellation_loserIsCancelled",
        run: .init(spans: [
            Span(lane: "primary /1", startMs: 0, endMs: 1000, outcome: .running),
            Span(lane: "backup /1", startMs: 200, endMs: 250, outcome: .failed),
            Span(lane: "backup /1", startMs: 250, endMs: 300, outcome: .ok),
        ], returnedMs: 300),
        best: .init(spans: [
            Span(lane: "primary /1", startMs: 0, endMs: 300, outcome: .cancelled),
            Span(lane: "backup /1", startMs: 200, endMs: 300, outcome: .ok),
        ], returnedMs: 300))

    private static let folder = TestSupport.root.appendingPathComponent("Tests/Fixtures/timeline")

    func testSnapshots() throws {
        let record = ProcessInfo.processInfo.environment["ASYNCLINGS_RECORD_SNAPSHOTS"] == "1"
        for (name, timeline) in [("staircase", Self.staircase), ("race", Self.race)] {
            for width in [60, 80, 120] {
                for color in [true, false] {
                    let text = TimelineChart(style: Style(color: color), width: width).lines(timeline).joined(separator: "\n") + "\n"
                    let file = Self.folder.appendingPathComponent("\(name)-\(width)\(color ? "-color" : "").txt")
                    if record { try text.write(to: file, atomically: true, encoding: .utf8) }
                    let expected = try String(contentsOf: file, encoding: .utf8)
                    XCTAssertEqual(text, expected, "\(file.lastPathComponent) changed")
                    for line in text.split(separator: "\n") {
                        XCTAssertLessThanOrEqual(ScreenText.visibleWidth(String(line)), width, "\(file.lastPathComponent): a line is wider than \(width) columns: \(line)")
                    }
                    if !color {
                        XCTAssertTrue(text.unicodeScalars.allSatisfy(\.isASCII), "\(file.lastPathComponent) is not plain ASCII")
                    }
                }
            }
        }
    }

    func testSameSpansSamePicture() {
        let chart = TimelineChart(style: Style(color: true), width: 80)
        XCTAssertEqual(chart.lines(Self.race), chart.lines(Self.race))
    }

    func testWideTerminalsDrawTheBestBeside() {
        let wide = TimelineChart(style: Style(color: false), width: 120).lines(Self.staircase)
        XCTAssertTrue(wide.contains { $0.hasPrefix("yours: returned at 1.5 s") && $0.contains("best: returned at 0.3 s") })
        let narrow = TimelineChart(style: Style(color: false), width: 80).lines(Self.staircase)
        XCTAssertFalse(narrow.contains { $0.contains("yours") && $0.contains("best") })
    }

    func testJSONIsFlatAndRoundTrips() throws {
        let data = try JSONEncoder().encode(Self.race)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(Set(object.keys), ["test", "spans", "returned_ms", "threw", "best"])
        let span = try XCTUnwrap((object["spans"] as? [[String: Any]])?.first)
        XCTAssertEqual(Set(span.keys), ["lane", "start_ms", "end_ms", "outcome"])
        XCTAssertEqual(try JSONDecoder().decode(Report.Timeline.self, from: data), Self.race)
    }

    func testShapesReadFromSpans() throws {
        let staircase = Self.staircase
        XCTAssertTrue(TimelineShape.holds("staircase", run: staircase.run, best: staircase.best!))
        XCTAssertFalse(TimelineShape.holds("staircase", run: staircase.best!, best: staircase.best!))
        XCTAssertTrue(TimelineShape.holds("leak", run: Self.race.run, best: Self.race.best!))
        XCTAssertTrue(TimelineShape.holds("uncancelled", run: Self.race.run, best: Self.race.best!))
        let waves = Report.Timeline.Run(spans: [
            Span(lane: "item 0", startMs: 0, endMs: 100, outcome: .ok), Span(lane: "item 1", startMs: 0, endMs: 250, outcome: .ok),
            Span(lane: "item 2", startMs: 250, endMs: 350, outcome: .ok), Span(lane: "item 3", startMs: 250, endMs: 350, outcome: .ok),
        ], returnedMs: 350)
        let refilled = Report.Timeline.Run(spans: [
            Span(lane: "item 0", startMs: 0, endMs: 100, outcome: .ok), Span(lane: "item 1", startMs: 0, endMs: 250, outcome: .ok),
            Span(lane: "item 2", startMs: 100, endMs: 200, outcome: .ok), Span(lane: "item 3", startMs: 200, endMs: 300, outcome: .ok),
        ], returnedMs: 300)
        XCTAssertTrue(TimelineShape.holds("waves", run: waves, best: refilled))
        XCTAssertFalse(TimelineShape.holds("waves", run: refilled, best: refilled))
    }
}
