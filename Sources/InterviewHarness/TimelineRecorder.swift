import Foundation
import ResultsFormat
import Synchronization

/// Collects the calls of the one test the tutor draws (`ResultsFormat.Variable.timeline`) and
/// sends them through the results channel when that test ends: one `span` event per call, in
/// the order the calls started, and a `returned` event for the moment the call under test
/// returned or threw. Every other test costs one comparison per log made.
enum TimelineRecorder {
    /// One call as a fake logged it.
    struct Span {
        let lane: String
        let start: Duration
        let end: Duration?
        let outcome: ResultsFormat.SpanOutcome
    }

    /// A log made during the drawn test, read when the test ends.
    private struct Source: @unchecked Sendable {
        let clock: TestClock
        let spans: () -> [Span]
    }

    private struct State {
        var drawn: String?
        var sources: [Source] = []
        var finish: (clock: TestClock, at: Duration, threw: Bool)?
    }

    private static let state = Mutex(State())
    /// The most spans one test sends; a run with more is cut (the chart shows a dozen lanes).
    static let spanLimit = 200

    /// Names the test to draw (nil: none).
    static func draw(_ test: String?) {
        state.withLock { $0.drawn = test.flatMap { $0.isEmpty ? nil : $0 } }
    }

    /// Whether the running test is the drawn one.
    private static var drawing: Bool {
        guard let running = ResultsChannel.runningTest else { return false }
        return state.withLock { $0.drawn == running }
    }

    /// Remembers a log of the drawn test, so its calls are sent when the test ends.
    static func watch(clock: TestClock, spans: @escaping () -> [Span]) {
        guard drawing else { return }
        state.withLock { $0.sources.append(Source(clock: clock, spans: spans)) }
    }

    /// Notes how the drawn test's first run on `clock` ended; a run that neither returned nor
    /// threw has no return to mark.
    static func finished<T>(clock: TestClock, outcome: RunOutcome<T>) {
        let threw: Bool
        switch outcome.ending {
        case .returned: threw = false
        case .threw: threw = true
        case .stuck, .ranAway: return
        }
        guard drawing else { return }
        state.withLock { state in
            if state.finish == nil { state.finish = (clock, outcome.elapsed, threw) }
        }
    }

    /// Sends the drawn test's spans and return, once it has ended, and forgets them.
    static func flush(test: String) {
        let taken = state.withLock { state -> (sources: [Source], finish: (clock: TestClock, at: Duration, threw: Bool)?)? in
            guard state.drawn == test else { return nil }
            defer { state.sources = []; state.finish = nil }
            return (state.sources, state.finish)
        }
        guard let taken, let clock = taken.finish?.clock ?? taken.sources.first?.clock else { return }
        // Only the logs on the clock of the run that is drawn: a test that makes a second
        // timeline would otherwise lay two runs over each other.
        let spans = taken.sources.filter { $0.clock === clock }.flatMap { $0.spans() }
        let ordered = spans.enumerated().sorted { a, b in
            a.element.start == b.element.start ? a.offset < b.offset : a.element.start < b.element.start
        }.map(\.element)
        let now = clock.elapsed
        for span in ordered.prefix(spanLimit) {
            ResultsChannel.send([
                "event": ResultsFormat.Event.span.rawValue, "test": test, "lane": span.lane,
                "start_ms": milliseconds(span.start), "end_ms": milliseconds(span.end ?? now), "outcome": span.outcome.rawValue,
            ])
        }
        if let finish = taken.finish {
            ResultsChannel.send(["event": ResultsFormat.Event.returned.rawValue, "test": test, "at_ms": milliseconds(finish.at), "threw": finish.threw])
        }
    }

    /// A duration in milliseconds, to the microsecond.
    static func milliseconds(_ duration: Duration) -> Double {
        (duration.secondsValue * 1_000_000).rounded() / 1000
    }

    /// The lane a call's label draws on: a URL by its path, anything else as it prints,
    /// after the log's own name when it has one.
    static func lane(_ label: some Sendable, prefix: String?) -> String {
        let text: String
        if let url = label as? URL {
            text = url.path.isEmpty ? url.absoluteString : url.path
        } else {
            text = String(describing: label)
        }
        guard let prefix, !prefix.isEmpty else { return text }
        return "\(prefix) \(text)"
    }
}
