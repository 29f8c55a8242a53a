import Foundation
import InterviewHarness
import InterviewKit
import XCTest

private func text(_ data: Data) -> String { String(decoding: data, as: UTF8.self) }

final class HedgedRequestTests: XCTestCase {
    private let url = testURL(1)

    /// A primary and a backup server on one clock, each answering `testURL(1)` as scripted.
    private func servers(_ time: VirtualTime, primary: FakeHTTPClient.Route, backup: FakeHTTPClient.Route) -> (FakeHTTPClient, FakeHTTPClient) {
        (FakeHTTPClient(clock: time.clock, numbered: [1: primary], lane: "primary"), FakeHTTPClient(clock: time.clock, numbered: [1: backup], lane: "backup"))
    }

    private func hedged(_ time: VirtualTime, _ primary: FakeHTTPClient, _ backup: FakeHTTPClient, after hedge: Duration) -> RunOutcome<Data> {
        let url = self.url
        let clock = time.clock
        return time.run { try await hedgedFetch(url, primary: primary, backup: backup, hedgeAfter: hedge, clock: clock) }
    }

    func test_correctness_fastPrimaryAnswersAndBackupNeverCalled() throws {
        let time = VirtualTime()
        let (primary, backup) = servers(time, primary: .ok("from primary", after: .milliseconds(50)), backup: .ok("from backup", after: .milliseconds(50)))
        let outcome = hedged(time, primary, backup, after: .milliseconds(200))
        let body = try outcome.requireValue("hedgedFetch")
        expect(text(body) == "from primary", "hedgedFetch returned \"\(text(body))\"; expected \"from primary\": the primary answered at 0.05 s, well before the 0.2 s hedge.")
        expect(outcome.elapsed == .milliseconds(50), "hedgedFetch returned at \(outcome.elapsed.seconds) of virtual time; expected 0.05 s, the moment the primary answered, not the hedge time.")
        let calledAtReturn = backup.calls.count
        time.settle()
        let calledLater = backup.calls.count
        expect(calledLater == 0, "the backup was called \(calledLater) time(s) (\(calledAtReturn) by the time hedgedFetch returned, \(calledLater - calledAtReturn) after) although the primary answered in 0.05 s with a 0.2 s hedge; expected no backup request: hedging doubles the load on the servers, so it is only for slow primaries.")
    }

    func test_concurrency_backupStartsExactlyAtHedgeAfter() throws {
        let time = VirtualTime()
        let (primary, backup) = servers(time, primary: .ok("from primary", after: .seconds(1)), backup: .ok("from backup", after: .milliseconds(100)))
        let outcome = hedged(time, primary, backup, after: .milliseconds(200))
        let body = try outcome.requireValue("hedgedFetch with a slow primary")
        ResultsChannel.recordLatency(outcome.elapsed)
        let start = backup.calls.first?.start
        expect(start == .milliseconds(200), "with a primary still silent at the 0.2 s hedge, the backup request started at \(start?.seconds ?? "no time: it was never sent"); expected exactly 0.2 s: not earlier (that doubles every request), not later (that is the latency the hedge is for).")
        expect(text(body) == "from backup" && outcome.elapsed == .milliseconds(300), "hedgedFetch returned \"\(text(body))\" at \(outcome.elapsed.seconds); expected \"from backup\" at 0.3 s: the backup, sent at 0.2 s and answering in 0.1 s, beats the primary's 1 s.")
    }

    func test_concurrency_firstSuccessWins() throws {
        let time = VirtualTime()
        let (primary, backup) = servers(time, primary: .ok("from primary", after: .milliseconds(500)), backup: .ok("from backup", after: .milliseconds(400)))
        let outcome = hedged(time, primary, backup, after: .milliseconds(200))
        let body = try outcome.requireValue("hedgedFetch")
        expect(text(body) == "from primary" && outcome.elapsed == .milliseconds(500), "hedgedFetch returned \"\(text(body))\" at \(outcome.elapsed.seconds); expected \"from primary\" at 0.5 s: the primary answered at 0.5 s, before the backup (sent at 0.2 s, 0.4 s long) could at 0.6 s. The first success wins, whichever server it comes from.")
    }

    func test_errors_primaryFailureStartsBackupAtOnce() throws {
        let time = VirtualTime()
        let (primary, backup) = servers(time, primary: .fail("primary is down", after: .milliseconds(50)), backup: .ok("from backup", after: .milliseconds(100)))
        let outcome = hedged(time, primary, backup, after: .milliseconds(200))
        if case .threw(let error) = outcome.ending {
            expect(false, "hedgedFetch threw \(describe(error)) at \(outcome.elapsed.seconds), when the primary failed; expected it to send the backup at once and return its answer, \"from backup\", at 0.15 s: one failed server is what the backup is for.")
            return
        }
        let body = try outcome.requireValue("hedgedFetch with a failing primary")
        let start = backup.calls.first?.start
        expect(start.map { $0 <= .milliseconds(50) } ?? false, "the primary failed at 0.05 s and the backup request started at \(start?.seconds ?? "no time: it was never sent"); expected it to start at once, at 0.05 s: there is nothing left to wait for, so do not sit out the 0.2 s hedge.")
        expect(text(body) == "from backup", "hedgedFetch returned \"\(text(body))\"; expected \"from backup\", the one successful answer.")
    }

    func test_errors_backupFailureWaitsForPrimary() throws {
        let time = VirtualTime()
        let (primary, backup) = servers(time, primary: .ok("from primary", after: .milliseconds(400)), backup: .fail("backup is down", after: .milliseconds(50)))
        let outcome = hedged(time, primary, backup, after: .milliseconds(100))
        switch outcome.ending {
        case .threw(let error):
            expect(false, "hedgedFetch threw \(describe(error)) at \(outcome.elapsed.seconds), when the backup failed; expected \"from primary\" at 0.4 s: a failure is not an answer while the other request may still succeed.")
        default:
            let body = try outcome.requireValue("hedgedFetch with a failing backup")
            expect(text(body) == "from primary" && outcome.elapsed == .milliseconds(400), "hedgedFetch returned \"\(text(body))\" at \(outcome.elapsed.seconds); expected \"from primary\" at 0.4 s, after the backup had failed at 0.15 s.")
        }
    }

    func test_errors_bothFailThrowsPrimaryError() throws {
        do {
            // The primary fails first, before the hedge; then the backup fails too.
            let time = VirtualTime()
            let (primary, backup) = servers(time, primary: .fail("primary is down", after: .milliseconds(50)), backup: .fail("backup is down", after: .milliseconds(100)))
            let outcome = hedged(time, primary, backup, after: .milliseconds(200))
            let error = try outcome.requireError("hedgedFetch with both servers failing")
            expect((error as? FakeError) == FakeError("primary is down"), "with the primary failing at 0.05 s and then the backup failing, hedgedFetch threw \(describe(error)); expected the primary's error, FakeError(primary is down), unchanged: it is the answer to the request the caller asked for.")
        }
        do {
            // The backup fails first, after the hedge; the primary fails later.
            let time = VirtualTime()
            let (primary, backup) = servers(time, primary: .fail("primary is down", after: .milliseconds(300)), backup: .fail("backup is down", after: .milliseconds(50)))
            let outcome = hedged(time, primary, backup, after: .milliseconds(200))
            let error = try outcome.requireError("hedgedFetch with both servers failing")
            expect((error as? FakeError) == FakeError("primary is down") && outcome.elapsed == .milliseconds(300), "with the backup failing at 0.25 s and the primary at 0.3 s, hedgedFetch threw \(describe(error)) at \(outcome.elapsed.seconds); expected the primary's error, FakeError(primary is down), at 0.3 s: wait for the primary while it may still succeed.")
        }
    }

    /// Records a failure for every request that ran on past the moment the winning answer came
    /// (the first successful call to end), whether hedgedFetch returned then or waited for it.
    private func expectLosersCancelled(_ outcome: RunOutcome<Data>, _ primary: FakeHTTPClient, _ backup: FakeHTTPClient, _ scene: String) {
        let servers = [("primary", primary), ("backup", backup)]
        let answers = servers.flatMap { name, client in
            client.calls.compactMap { call in call.failed ? nil : call.end.map { (name: name, at: $0) } }
        }
        guard let winner = answers.min(by: { $0.at < $1.at }) else {
            return expect(false, "\(scene): no request answered successfully, so no loser could be checked; expected the first answer to win.")
        }
        let returned = outcome.value.map { "returned \"\(text($0))\"" } ?? "finished"
        for (name, client) in servers where name != winner.name {
            for call in client.calls where (call.end ?? .seconds(1_000_000)) > winner.at {
                let fate = call.end.map { "ran on until \($0.seconds)\(call.cancelled ? "" : ", uncancelled")" } ?? "never ended"
                expect(false, "\(scene): the \(winner.name)'s answer came at \(winner.at.seconds) and hedgedFetch \(returned) at \(outcome.elapsed.seconds), but the \(name) request (started at \(call.start.seconds)) \(fate); expected it to be cancelled at \(winner.at.seconds), when the \(winner.name)'s answer won: the loser's answer can no longer be used, and waiting for it or leaving it running costs a connection and server time.")
            }
        }
    }

    func test_cancellation_loserIsCancelled() throws {
        do {
            let time = VirtualTime()
            let (primary, backup) = servers(time, primary: .ok("from primary", after: .seconds(1)), backup: .ok("from backup", after: .milliseconds(100)))
            let outcome = hedged(time, primary, backup, after: .milliseconds(200))
            try outcome.requireFinished("hedgedFetch with a slow primary")
            time.settle()
            expectLosersCancelled(outcome, primary, backup, "with a 1 s primary, a 0.1 s backup and a 0.2 s hedge")
        }
        do {
            let time = VirtualTime()
            let (primary, backup) = servers(time, primary: .ok("from primary", after: .milliseconds(500)), backup: .ok("from backup", after: .milliseconds(400)))
            let outcome = hedged(time, primary, backup, after: .milliseconds(200))
            try outcome.requireFinished("hedgedFetch")
            time.settle()
            expectLosersCancelled(outcome, primary, backup, "with a 0.5 s primary, a 0.4 s backup and a 0.2 s hedge")
        }
    }

    func test_cancellation_nothingLeftRunning() throws {
        do {
            let time = VirtualTime()
            let (primary, backup) = servers(time, primary: .ok("from primary", after: .seconds(1)), backup: .ok("from backup", after: .milliseconds(100)))
            let outcome = hedged(time, primary, backup, after: .milliseconds(200))
            try outcome.requireFinished("hedgedFetch with a slow primary")
            let inFlight = primary.inFlight + backup.inFlight
            expect(!outcome.leftWorkRunning && inFlight == 0, "when hedgedFetch returned at \(outcome.elapsed.seconds), \(inFlight) request(s) were still in flight, \(outcome.sleepersAtEnd) wait(s) pending on the clock and \(outcome.pendingJobsAtEnd) task(s) queued; expected nothing left running.")
        }
        do {
            let time = VirtualTime()
            let (primary, backup) = servers(time, primary: .ok("from primary", after: .milliseconds(50)), backup: .ok("from backup", after: .milliseconds(50)))
            let outcome = hedged(time, primary, backup, after: .milliseconds(200))
            try outcome.requireFinished("hedgedFetch with a fast primary")
            expect(!outcome.leftWorkRunning, "when hedgedFetch returned at 0.05 s with the primary's answer, \(outcome.sleepersAtEnd) wait(s) were still pending on the clock and \(outcome.pendingJobsAtEnd) task(s) queued; expected none: the 0.2 s hedge timer is no longer needed and must be cancelled, like clearTimeout.")
        }
        do {
            // The primary fails at once; the backup answers at 0.15 s, before the 0.2 s hedge.
            let time = VirtualTime()
            let (primary, backup) = servers(time, primary: .fail("primary is down", after: .milliseconds(50)), backup: .ok("from backup", after: .milliseconds(100)))
            let outcome = hedged(time, primary, backup, after: .milliseconds(200))
            try outcome.requireFinished("hedgedFetch with a failing primary")
            let answeredAt = backup.calls.first { !$0.failed }?.end
            let lastEnd = (primary.calls + backup.calls).compactMap(\.end).max() ?? .zero
            if let answeredAt, outcome.elapsed > answeredAt {
                let busy = lastEnd > answeredAt ? "a request was still running until \(lastEnd.seconds)" : "no request was running after it"
                expect(false, "the primary failed at 0.05 s and the backup's answer came at \(answeredAt.seconds), but hedgedFetch returned only at \(outcome.elapsed.seconds) (the hedge time is 0.2 s); \(busy); expected it to return at \(answeredAt.seconds), with nothing left to wait for: once an answer is in, cancel what is still pending (the hedge timer too) instead of waiting for it.")
            } else {
                expect(!outcome.leftWorkRunning, "when hedgedFetch returned at \(outcome.elapsed.seconds) with the backup's answer, \(outcome.sleepersAtEnd) wait(s) were still pending on the clock and \(outcome.pendingJobsAtEnd) task(s) queued; expected none: the 0.2 s hedge timer is no longer needed and must be cancelled.")
            }
        }
    }

    func test_errors_earlyPrimaryFailureStartsOnlyOneBackup() throws {
        let time = VirtualTime()
        let (primary, backup) = servers(time, primary: .fail("primary is down", after: .milliseconds(50)), backup: .ok("from backup", after: .milliseconds(300)))
        let outcome = hedged(time, primary, backup, after: .milliseconds(200))
        let body = try outcome.requireValue("hedgedFetch")
        let starts = backup.calls.map(\.start.seconds).joined(separator: ", ")
        expect(backup.calls.count == 1, "the primary failed at 0.05 s and the backup takes 0.3 s; the backup was called \(backup.calls.count) time(s)\(starts.isEmpty ? "" : ", at " + starts); expected one call, at 0.05 s: once a backup is running, the hedge timer (0.2 s) must not send another.")
        expect(text(body) == "from backup", "the primary failed at 0.05 s and the backup answered; hedgedFetch returned \"\(text(body))\"; expected \"from backup\".")
    }
}
