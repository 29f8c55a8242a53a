import Foundation
import XCTest
@testable import AsynclingsCore

/// The full-screen practice view, driven through the Context by a scripted terminal and a
/// stand-in checker: no compiler runs, so each test takes milliseconds.
final class PracticeScreenTests: XCTestCase {
    /// A failing report for fetch-all, as a check of the starter gives it.
    static func failing(_ exercise: Exercise) -> Report {
        var report = Report(
            exercise: exercise.name, file: "practice/\(exercise.name).swift", verdict: .fail, interviewReady: false,
            categories: ["correctness": .init(passed: 3, total: 3), "concurrency": .init(passed: 0, total: 1), "resources": .init(passed: 2, total: 2)],
            tests: [
                .init(name: "test_correctness_order", category: "correctness", status: .pass, message: ""),
                .init(name: "test_concurrency_allRequestsInFlightTogether", category: "concurrency", status: .fail,
                      message: String(repeating: "at most 1 of 5 requests were in flight at once; expected all 5 together. ", count: 3)),
            ],
            checklist: [.init(id: .intent, status: .missed, note: "no `// Intent:` comment.")],
            review: [], latency: nil, diagnostics: [], timing: .init(compileSeconds: 0.9, runSeconds: 0.1))
        report.review = [ReviewNote(rule: .sequentialAwaitInLoop, line: 10, severity: .essential, message: "each request waits for the one before it.")]
        return report
    }

    /// Runs the practice screen on fetch-all with `steps`, every check answering `report`.
    private func play(_ steps: [ScriptedTerminal.Step], columns: Int = 80, rows: Int = 24, saveOnFirstWrite: Bool = false,
                      report: @escaping @Sendable (Exercise) -> Report = PracticeScreenTests.failing) throws -> (ScriptedTerminal, PracticeLoop) {
        let terminal = ScriptedTerminal(steps, columns: columns, rows: rows, saveOnFirstWrite: saveOnFirstWrite)
        var (context, _) = TestSupport.context(cwd: TestSupport.temporaryFolder())
        context.isTerminal = true
        context.terminal = terminal
        context.modificationDate = { terminal.modificationDate($0) }
        let session = try Session(context: context, arguments: Arguments([]))
        var loop = PracticeLoop(session: session, exercise: try session.catalog.exercise(named: "fetch-all")) { exercise, _ in
            let checked = report(exercise)
            session.save { $0.record(checked) }
            return checked
        }
        XCTAssertTrue(loop.run())
        return (terminal, loop)
    }

    private func verdictShown(_ frame: [String]) -> Bool { frame.contains { $0.hasPrefix("FAIL  1/2 tests pass") } }

    func testTheVerdictStaysOnScreenAfterEveryPane() throws {
        for (columns, rows) in [(80, 24), (120, 40)] {
            let (terminal, _) = try play([.save] + ScriptedTerminal.keys("hcv") + [.key("l"), .key("\u{1B}")] + ScriptedTerminal.keys("sfi"), columns: columns, rows: rows)
            let frames = terminal.frames
            let afterCheck = try XCTUnwrap(frames.firstIndex(where: verdictShown), "the check's verdict is drawn at \(columns)×\(rows)")
            for frame in frames[afterCheck...] {
                XCTAssertTrue(verdictShown(frame), "the verdict stays at \(columns)×\(rows):\n\(frame.joined(separator: "\n"))")
                XCTAssertLessThanOrEqual(frame.count, rows, "a frame never scrolls the terminal")
                for line in frame { XCTAssertLessThan(line.count, columns, "no line wraps on its own: \(line)") }
            }
            XCTAssertEqual(terminal.entered, true, "the alternate screen is used")
            XCTAssertEqual(terminal.leaves, 1, "the terminal is given back once")
        }
    }

    func testEachKeyShowsItsPane() throws {
        let (terminal, _) = try play([.save] + ScriptedTerminal.keys("hcvs"))
        let frames = terminal.frames.map { $0.joined(separator: "\n") }
        XCTAssertTrue(frames.contains { $0.contains("── Hint") && $0.contains("Hint 1 of") })
        XCTAssertTrue(frames.contains { $0.contains("── Checklist") && $0.contains("no `// Intent:` comment.") })
        XCTAssertTrue(frames.contains { $0.contains("── Review") && $0.contains("sequential-await-in-loop") })
        XCTAssertTrue(frames.last!.contains("The solution opens once this exercise passes (1/2 tests pass now)"), "s before a pass says why nothing opens")
    }

    func testTheTimelineIsOneKeyAway() throws {
        let (terminal, _) = try play([.save, .key("t")], columns: 120, rows: 30) { exercise in
            var report = PracticeScreenTests.failing(exercise)
            report.timeline = TimelineChartTests.staircase
            return report
        }
        let last = terminal.frames.last!.joined(separator: "\n")
        XCTAssertTrue(last.contains("── Timeline"), last)
        XCTAssertTrue(last.contains("yours: returned at 1.5 s") && last.contains("best: returned at 0.3 s"), last)
        XCTAssertTrue(last.contains("GET /5"), last)
    }

    func testTheRulesAreOneKeyAway() throws {
        let (terminal, _) = try play([.save, .key("i")], columns: 100, rows: 40)
        let last = terminal.frames.last!.joined(separator: "\n")
        XCTAssertTrue(last.contains("── The exercise"), last)
        XCTAssertTrue(last.contains("func fetchAll(_ urls: [URL], client: some HTTPClient) async throws -> [Data]"), last)
        XCTAssertTrue(last.contains("- One body per URL, in the order of `urls`"), last)
    }

    func testAResizeRewrapsThePane() throws {
        let (terminal, _) = try play([.key("i"), .resize(columns: 60, rows: 24), .key("i")], columns: 120, rows: 30)
        let frames = terminal.frames
        let wide = try XCTUnwrap(frames.first)
        XCTAssertTrue(wide.contains { $0.count > 60 }, "at 120 columns the rules use the width")
        let narrow = try XCTUnwrap(frames.last)
        for line in narrow { XCTAssertLessThan(line.count, 60, "re-wrapped to the new width: \(line)") }
        XCTAssertTrue(narrow.contains { $0.contains("- One body per URL") })
        XCTAssertEqual(frames.count, 4, "the resize alone redraws: first frame, i, resize, i")
    }

    func testLongPanesScroll() throws {
        let (terminal, _) = try play([.key("i"), .key("j"), .key("j")], columns: 60, rows: 16)
        let frames = terminal.frames
        let first = try XCTUnwrap(frames.first).joined(separator: "\n")
        XCTAssertTrue(first.contains("lines 1–"), first)
        XCTAssertTrue(frames.last!.joined(separator: "\n").contains("lines 3–"), frames.last!.joined(separator: "\n"))
    }

    func testASaveWhileTheFirstScreenIsDrawnIsChecked() throws {
        let (terminal, _) = try play([], saveOnFirstWrite: true)
        XCTAssertTrue(terminal.frames.contains(where: verdictShown), "the baseline was taken before the first draw")
    }

    func testNextBeforeAPassSaysWhy() throws {
        let (terminal, loop) = try play([.save, .key("n")])
        XCTAssertEqual(loop.engine.exercise.name, "fetch-all")
        XCTAssertTrue(terminal.frames.last!.joined(separator: " ").contains("The next exercise opens once this one passes"))
    }
}
