#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization
import XCTest
@testable import AsynclingsCore

/// A tutor stopped in the middle of a check leaves nothing running and nothing behind, and the
/// harness cache keeps working. The answer prints its process ids, then spins; the test watches
/// the run folder with inotify until they are there (the sandbox lets the answer write nothing
/// else), so the signal always lands while the test binary runs: no sleeps, no timing guesses.
final class InterruptionTests: XCTestCase {
    /// A tutor started in the background on a spinning answer, with its own temporary folder.
    private struct Spinning {
        let workspace: URL
        let temporary: URL
        let tutor: pid_t
        let testBinary: pid_t
        let finished: DispatchSemaphore
        let ending: Ending
    }

    /// How the background tutor ended, once it has.
    private final class Ending: Sendable {
        let result = Mutex<ProcessResult?>(nil)
    }

    private func startTutorOnASpinningAnswer() throws -> Spinning {
        let folder = TestSupport.temporaryFolder()
        let temporary = folder.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        let watcher = inotify_init1(Int32(IN_CLOEXEC))
        XCTAssertGreaterThanOrEqual(inotify_add_watch(watcher, temporary.path, UInt32(IN_CREATE)), 0)
        // A learner with progress on record, whose practice file spins.
        var environment = ProcessInfo.processInfo.environment
        environment["ASYNCLINGS_CACHE"] = TestSupport.cache.path
        environment.removeValue(forKey: "ASYNCLINGS_WORKSPACE")
        let hint = try TestSupport.runProgram(["/usr/bin/env", "-C", folder.path, TestSupport.binary.path, "hint", "fetch-all"], environment: environment)
        XCTAssertEqual(hint.status, 0, hint.err)
        let answer = folder.appendingPathComponent("practice/fetch-all.swift")
        try """
        import Foundation
        import InterviewKit

        func fetchAll(_ urls: [URL], client: some HTTPClient) async throws -> [Data] {
            print("READY \\(getpid()) \\(getppid())")
            while true {}
        }
        """.write(to: answer, atomically: true, encoding: .utf8)

        environment["TMPDIR"] = temporary.path
        let request = ProcessRequest(
            executable: "/usr/bin/env", arguments: ["-C", folder.path, TestSupport.binary.path, "run", "fetch-all"],
            environment: environment, outputFile: folder.appendingPathComponent("out").path, timeLimit: 120)
        let finished = DispatchSemaphore(value: 0)
        let ending = Ending()
        Thread {
            let ended = try? ProcessRunner().run(request)
            ending.result.withLock { $0 = ended }
            finished.signal()
        }.start()

        // Blocks until the answer has printed (bounded, in case it never runs).
        defer { close(watcher) }
        let line = waitForReady(under: temporary, watcher: watcher)
        XCTAssertNotNil(line, "the answer never started")
        let ids = (line ?? "").split(separator: " ").compactMap { pid_t($0) }
        let pair = try XCTUnwrap(ids.count == 2 ? ids : nil, "the answer wrote \(ids)")
        return Spinning(workspace: folder.appendingPathComponent("practice"), temporary: temporary, tutor: pair[1], testBinary: pair[0], finished: finished, ending: ending)
    }

    /// The ids after "READY" in a test binary's output file under `temporary`, once one holds
    /// them; nil after 120 s. Each run folder is watched as it appears, then checked, so a line
    /// written before the watch began is found as well.
    private func waitForReady(under temporary: URL, watcher: Int32) -> String? {
        var watched: Set<String> = []
        while true {
            for folder in runFolders(in: temporary) {
                let path = temporary.appendingPathComponent(folder).path
                if watched.insert(path).inserted { _ = inotify_add_watch(watcher, path, UInt32(IN_CREATE | IN_MODIFY)) }
                for file in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] where file.hasPrefix("output-") {
                    let text = (try? String(contentsOfFile: path + "/" + file, encoding: .utf8)) ?? ""
                    if let range = text.range(of: "READY "), let end = text[range.upperBound...].firstIndex(of: "\n") {
                        return String(text[range.upperBound..<end])
                    }
                }
            }
            var waiting = pollfd(fd: watcher, events: Int16(POLLIN), revents: 0)
            guard poll(&waiting, 1, 120_000) == 1 else { return nil }
            var events = [UInt8](repeating: 0, count: 4096)
            _ = read(watcher, &events, events.count)
        }
    }

    /// Waits (bounded) for a process that is not our child to end, through a pidfd.
    private func waitForExit(of pid: pid_t) -> Bool {
        typealias PidfdOpen = @convention(c) (pid_t, UInt32) -> Int32
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "pidfd_open") else { return kill(pid, 0) != 0 }
        let descriptor = unsafeBitCast(symbol, to: PidfdOpen.self)(pid, 0)
        guard descriptor >= 0 else { return errno == ESRCH }
        defer { close(descriptor) }
        var waiting = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&waiting, 1, 30_000) == 1
    }

    private func runFolders(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasPrefix(RunFolder.prefix) }
    }

    func testATerminatedTutorStopsTheTestBinaryAndRemovesItsFolder() throws {
        let spinning = try startTutorOnASpinningAnswer()
        let before = TestSupport.snapshot(spinning.workspace)
        XCTAssertNotNil(before[".asynclings/state.json"])
        XCTAssertEqual(runFolders(in: spinning.temporary).count, 1)
        XCTAssertEqual(kill(spinning.tutor, SIGTERM), 0)
        XCTAssertEqual(spinning.finished.wait(timeout: .now() + 30), .success, "the tutor did not stop")
        XCTAssertEqual(spinning.ending.result.withLock { $0?.exitStatus }, 143)
        XCTAssertTrue(waitForExit(of: spinning.testBinary), "the learner's test binary kept running")
        XCTAssertEqual(runFolders(in: spinning.temporary), [])
        XCTAssertEqual(TestSupport.snapshot(spinning.workspace), before, "the learner's file and state are intact")
    }

    func testAKilledTutorTakesTheTestBinaryWithItAndTheNextCheckCleansUp() throws {
        let spinning = try startTutorOnASpinningAnswer()
        let before = TestSupport.snapshot(spinning.workspace)
        XCTAssertEqual(kill(spinning.tutor, SIGKILL), 0)
        XCTAssertEqual(spinning.finished.wait(timeout: .now() + 30), .success)
        XCTAssertEqual(spinning.ending.result.withLock { $0?.signal }, SIGKILL)
        XCTAssertTrue(waitForExit(of: spinning.testBinary), "the learner's test binary outlived the tutor")
        XCTAssertEqual(runFolders(in: spinning.temporary).count, 1, "SIGKILL cannot be caught, so the folder stays until the next check")

        // A staging folder of a harness build killed half-way, from a process that is gone.
        let abandonedBuild = TestSupport.cache.appendingPathComponent("staging-99999999-1")
        try FileManager.default.createDirectory(at: abandonedBuild, withIntermediateDirectories: true)
        try Data("half a library".utf8).write(to: abandonedBuild.appendingPathComponent("libInterviewKit.a"))

        var environment = ProcessInfo.processInfo.environment
        environment["ASYNCLINGS_CACHE"] = TestSupport.cache.path
        environment["TMPDIR"] = spinning.temporary.path
        let reference = try TestSupport.exercise("fetch-all").referenceFile.path
        let next = try TestSupport.runProgram([TestSupport.binary.path, "run", "fetch-all", "--file", reference], environment: environment)
        XCTAssertEqual(next.status, 0, next.out + next.err)
        XCTAssertEqual(runFolders(in: spinning.temporary), [])
        XCTAssertFalse(FileManager.default.fileExists(atPath: abandonedBuild.path))
        XCTAssertEqual(TestSupport.snapshot(spinning.workspace), before, "the learner's file and state are intact")
    }
}
