import Foundation
import XCTest
@testable import AsynclingsCore

/// Drives the interactive practice screen in tmux the way a learner would: save a passing
/// file, see the report turn to PASS, press n for the next exercise, press q to get the shell back.
final class PracticeLoopTests: XCTestCase {
    private let session = "asynclings-practice-\(getpid())"
    /// The highest exercise number in the catalog, as the screen's header shows it.
    private static var lastNumber: Int { (try? TestSupport.catalog.exercises.map(\.number).max()) ?? 0 }

    /// Runs tmux and returns what it printed, through the tutor's own process runner
    /// (posix_spawn and waitpid, output to a file: a tmux server started by `new-session`
    /// would hold a pipe open forever).
    private func tmux(_ arguments: [String]) throws -> String {
        let folder = TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("tmux.out").path
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        guard let executable = path.split(separator: ":").map({ "\($0)/tmux" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw XCTSkip("tmux is not installed (.ci/run installs it)")
        }
        _ = try ProcessRunner().run(ProcessRequest(
            executable: executable, arguments: arguments, environment: ProcessInfo.processInfo.environment,
            outputFile: output, timeLimit: 30))
        return (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
    }

    /// Reads the screen until it shows `text`; polls a bounded number of times (the check itself
    /// compiles Swift, so the bound is generous), never asserting how long it took.
    private func screen(showing text: String, tries: Int = 600) throws -> String {
        try screen(tries: tries, "showed \"\(text)\"") { $0.contains(text) }
    }

    /// Reads the screen until `ready` holds for it, a bounded number of times.
    private func screen(tries: Int = 600, _ what: String, until ready: (String) -> Bool) throws -> String {
        var last = ""
        for _ in 0..<tries {
            last = try tmux(["capture-pane", "-p", "-t", session])
            if ready(last) { return last }
            usleep(100_000)
        }
        XCTFail("the screen never \(what); it showed:\n\(last)")
        return last
    }

    override func tearDown() {
        _ = try? tmux(["kill-session", "-t", session])
    }

    /// Starts the tutor with `arguments` in a new tmux session, in a fresh folder it returns.
    private func startTutor(_ arguments: String, height: Int, width: Int = 100) throws -> URL {
        guard (try? tmux(["-V"]))?.hasPrefix("tmux") == true else {
            throw XCTSkip("tmux is not installed (.ci/run installs it)")
        }
        let folder = TestSupport.temporaryFolder()
        let command = "cd '\(folder.path)' && ASYNCLINGS_CACHE='\(TestSupport.cache.path)' '\(TestSupport.binary.path)' \(arguments); echo EXITED-$?; sleep 120"
        _ = try tmux(["new-session", "-d", "-s", session, "-x", String(width), "-y", String(height), command])
        return folder
    }

    func testSaveAPassingFileThenNextThenQuit() throws {
        let folder = try startTutor("", height: 60)

        _ = try screen(showing: "Welcome!")
        let practice = folder.appendingPathComponent("practice/fetch-all.swift")
        XCTAssertTrue(FileManager.default.fileExists(atPath: practice.path))
        let reference = try Data(contentsOf: TestSupport.root.appendingPathComponent("exercises/01-fetch-all/Reference.swift"))
        try reference.write(to: practice)

        let passed = try screen(showing: "PASS")
        XCTAssertTrue(passed.contains("n next"), passed)
        _ = try tmux(["send-keys", "-t", session, "n"])
        _ = try screen(showing: "fetch-all-settled")
        _ = try tmux(["send-keys", "-t", session, "q"])
        _ = try screen(showing: "EXITED-0")
    }

    /// After a failing save the verdict line is on screen and stays there whatever pane is
    /// shown; the rules are one key away; a resize re-wraps the pane; q gives the shell back.
    func testTheVerdictStaysInViewAtBothSizesAndAResizeRewraps() throws {
        for (width, height) in [(80, 24), (120, 40)] {
            let folder = try startTutor("", height: height, width: width)
            _ = try screen(showing: "Welcome!")
            let practice = folder.appendingPathComponent("practice/fetch-all.swift")
            let handle = try FileHandle(forWritingTo: practice)
            handle.seekToEndOfFile()
            handle.write(Data("\n".utf8))
            try handle.close()
            let verdict = "FAIL  7/8 tests pass"
            _ = try screen(showing: verdict)
            for (key, pane) in [("h", "Hint 1 of"), ("c", "── Checklist"), ("l", "Enter open"), ("Escape", "── Checklist"), ("f", "── Report"), ("s", "The solution opens once")] {
                _ = try tmux(["send-keys", "-t", session, key])
                let shown = try screen(showing: pane)
                XCTAssertTrue(shown.contains(verdict), "\(width)×\(height), after \(key):\n\(shown)")
                XCTAssertTrue(shown.contains("concurrency  ░░░░░ 0/1"), "the bars stay too: \(shown)")
            }
            _ = try tmux(["send-keys", "-t", session, "i"])
            let rules = try screen(showing: "── The exercise")
            XCTAssertTrue(rules.contains("- One body per URL"), rules)
            XCTAssertTrue(rules.contains(verdict), rules)
            _ = try tmux(["resize-window", "-t", session, "-x", "60", "-y", String(height)])
            // Redrawn for 60 columns: the divider spans 59 of them (tmux would cut the old one at 60).
            let narrow = try screen(tries: 100, "was redrawn for 60 columns") {
                $0.split(separator: "\n").contains { $0.hasPrefix("── The exercise") && $0.count == 59 }
            }
            XCTAssertTrue(narrow.split(separator: "\n").allSatisfy { $0.count <= 59 }, narrow)
            XCTAssertTrue(narrow.contains(verdict), narrow)
            _ = try tmux(["send-keys", "-t", session, "q"])
            let after = try screen(showing: "EXITED-0")
            XCTAssertFalse(after.contains(verdict), "the alternate screen is gone after q: \(after)")
            _ = try tmux(["kill-session", "-t", session])
        }
    }

    func testTheListIsAMenuForArrowsAndNumbers() throws {
        _ = try startTutor("", height: 60)

        _ = try screen(showing: "Welcome!")
        _ = try tmux(["send-keys", "-t", session, "l"])
        _ = try screen(showing: "Enter open")
        _ = try tmux(["send-keys", "-t", session, "Down", "Down", "Enter"])
        _ = try screen(showing: "Exercise 3/\(Self.lastNumber)")
        _ = try tmux(["send-keys", "-t", session, "l"])
        _ = try screen(showing: "Enter open")
        _ = try tmux(["send-keys", "-t", session, "1", "2", "Enter"])
        _ = try screen(showing: "Exercise 12/\(Self.lastNumber)")
        _ = try tmux(["send-keys", "-t", session, "l"])
        _ = try screen(showing: "Enter open")
        _ = try tmux(["send-keys", "-t", session, "Escape"])
        let back = try screen(showing: "q quit")
        XCTAssertTrue(back.contains("Exercise 12/\(Self.lastNumber)"), "Esc kept the exercise: \(back)")
        _ = try tmux(["send-keys", "-t", session, "q"])
        _ = try screen(showing: "EXITED-0")
    }

    func testAnInterviewInATerminalReachesItsScorecard() throws {
        let folder = try startTutor("interview fetch-all --minutes 10", height: 200)

        _ = try screen(showing: "state your plan")
        _ = try tmux(["send-keys", "-t", session, "All requests at once in a task group, results in input order, first failure cancels the rest.", "Enter"])
        _ = try screen(showing: "Save to check it")
        let file = folder.appendingPathComponent("practice/interview/fetch-all.swift")
        try Data(contentsOf: TestSupport.root.appendingPathComponent("exercises/01-fetch-all/Reference.swift")).write(to: file)
        let card = try screen(showing: "EXITED-0")
        XCTAssertTrue(card.contains("Scorecard: fetch-all"), card)
        XCTAssertTrue(card.contains("100/100"), card)
    }
}
