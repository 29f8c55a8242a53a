import Foundation
import XCTest
@testable import AsynclingsCore

/// Drives the interactive practice screen in tmux the way a learner would: save a passing
/// file, see the report turn to PASS, press n for the next exercise, press q to get the shell back.
final class PracticeLoopTests: XCTestCase {
    private let session = "asynclings-practice-\(getpid())"

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
        var last = ""
        for _ in 0..<tries {
            last = try tmux(["capture-pane", "-p", "-t", session])
            if last.contains(text) { return last }
            usleep(100_000)
        }
        XCTFail("the screen never showed \"\(text)\"; it showed:\n\(last)")
        return last
    }

    override func tearDown() {
        _ = try? tmux(["kill-session", "-t", session])
    }

    /// Starts the tutor with `arguments` in a new tmux session, in a fresh folder it returns.
    private func startTutor(_ arguments: String, height: Int) throws -> URL {
        guard (try? tmux(["-V"]))?.hasPrefix("tmux") == true else {
            throw XCTSkip("tmux is not installed (.ci/run installs it)")
        }
        let folder = TestSupport.temporaryFolder()
        let command = "cd '\(folder.path)' && ASYNCLINGS_CACHE='\(TestSupport.cache.path)' '\(TestSupport.binary.path)' \(arguments); echo EXITED-$?; sleep 120"
        _ = try tmux(["new-session", "-d", "-s", session, "-x", "100", "-y", String(height), command])
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

    func testTheListIsAMenuForArrowsAndNumbers() throws {
        _ = try startTutor("", height: 60)

        _ = try screen(showing: "Welcome!")
        _ = try tmux(["send-keys", "-t", session, "l"])
        _ = try screen(showing: "Enter open")
        _ = try tmux(["send-keys", "-t", session, "Down", "Down", "Enter"])
        _ = try screen(showing: "Exercise 3/19")
        _ = try tmux(["send-keys", "-t", session, "l"])
        _ = try screen(showing: "Enter open")
        _ = try tmux(["send-keys", "-t", session, "1", "2", "Enter"])
        _ = try screen(showing: "Exercise 12/19")
        _ = try tmux(["send-keys", "-t", session, "l"])
        _ = try screen(showing: "Enter open")
        _ = try tmux(["send-keys", "-t", session, "Escape"])
        _ = try tmux(["send-keys", "-t", session, "q"])
        let last = try screen(showing: "EXITED-0")
        XCTAssertTrue(last.contains("Exercise 12/19"), "Esc kept the exercise: \(last)")
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
