import ResultsFormat

/// Draws a `Report.Timeline` as text: one row per lane, a bar from each call's start to its
/// end, a mark where a call was cancelled, failed or was still running, a marker where the
/// answer returned, and an axis in virtual seconds; the best run drawn on the same scale beside
/// it (wide terminals) or below it. A pure function of the timeline, the width and the style:
/// Unicode blocks with colour, or plain ASCII when colour is off.
public struct TimelineChart: Sendable {
    /// Colours, and whether to draw in Unicode (colour on) or ASCII (colour off).
    public let style: Style
    /// The columns the chart fits.
    public let width: Int

    /// The most lanes drawn; the rest are counted under the chart.
    static let laneLimit = 12
    /// Below this width the best run goes under the answer's instead of beside it.
    static let sideBySideWidth = 100

    /// Creates a chart that fits `width` columns.
    public init(style: Style, width: Int) {
        self.style = style
        self.width = width
    }

    /// The glyphs of one drawing mode.
    private struct Glyphs {
        let bar, cancelled, failed, running, returned, axis, axisMark, more: Character

        static let unicode = Glyphs(bar: "█", cancelled: "✕", failed: "✗", running: "▶", returned: "│", axis: "─", axisMark: "┴", more: "…")
        static let ascii = Glyphs(bar: "=", cancelled: "x", failed: "!", running: ">", returned: "|", axis: "-", axisMark: "+", more: "~")
    }

    private var glyphs: Glyphs { style.color ? .unicode : .ascii }

    /// The chart's lines, none wider than `width` columns.
    public func lines(_ timeline: Report.Timeline) -> [String] {
        let lanes = Self.lanes(timeline)
        let scale = Self.scale(timeline)
        var out = Style.wrapped("Timeline of \(timeline.test), in virtual time", indent: 0, width: width)
            .split(separator: "\n").map { style.strong(String($0)) }
        let runs: [(String, Report.Timeline.Run)] = [("yours", timeline.run)] + (timeline.best.map { [("best", $0)] } ?? [])
        if runs.count == 2 && width >= Self.sideBySideWidth {
            let half = (width - 3) / 2
            let left = chart(runs[0].0, runs[0].1, lanes: lanes, scale: scale, width: half)
            let right = chart(runs[1].0, runs[1].1, lanes: lanes, scale: scale, width: half)
            for (a, b) in zip(left, right) { out.append(a.text + String(repeating: " ", count: half - a.visible + 3) + b.text) }
        } else {
            for (index, run) in runs.enumerated() {
                if index > 0 { out.append("") }
                out += chart(run.0, run.1, lanes: lanes, scale: scale, width: width).map(\.text)
            }
            if timeline.best == nil { out.append(style.dim("(the best run could not be computed)")) }
        }
        out += legend
        return out
    }

    /// What the marks mean, on as few lines as fit.
    private var legend: [String] {
        let g = glyphs
        let parts = ["\(g.bar) in flight", "\(g.cancelled) cancelled", "\(g.failed) failed", "\(g.running) still running", "\(g.returned) returned"]
        var lines = [""]
        for part in parts {
            if lines[lines.count - 1].isEmpty {
                lines[lines.count - 1] = part
            } else if lines[lines.count - 1].count + 2 + part.count <= width {
                lines[lines.count - 1] += "  " + part
            } else {
                lines.append(part)
            }
        }
        return lines.map(style.dim)
    }

    /// One line of a chart: its text (maybe coloured) and how many columns it takes.
    private struct Line {
        let text: String
        let visible: Int
    }

    /// One run's chart, `width` columns wide: a title, the lanes, the axis and its labels.
    private func chart(_ name: String, _ run: Report.Timeline.Run, lanes: [String], scale: Double, width: Int) -> [Line] {
        let shown = lanes.count > Self.laneLimit ? Array(lanes.prefix(Self.laneLimit - 1)) : lanes
        let longest = shown.map(\.count).max() ?? 1
        let labelWidth = min(longest, max(4, width / 4))
        let cells = max(10, width - labelWidth - 2)
        var out: [Line] = []
        out.append(plain(Self.fitted("\(name): \(Self.ending(run))", width: width, more: glyphs.more), style: style.strong))
        let marker = run.returnedMs.map { Self.cell(at: $0, scale: scale, cells: cells) }
        for lane in shown {
            var row = [Cell](repeating: .empty, count: cells + 1)
            for span in run.spans where span.lane == lane { draw(span, into: &row, scale: scale, cells: cells) }
            if let marker, row[marker] == .empty { row[marker] = .returned }
            while row.last == .empty { row.removeLast() }
            let label = Self.fitted(lane, width: labelWidth, more: glyphs.more)
            out.append(Line(text: label + String(repeating: " ", count: labelWidth - label.count + 1) + paint(row), visible: labelWidth + 1 + row.count))
        }
        if lanes.count > shown.count {
            out.append(plain(Self.fitted("\(glyphs.more) and \(lanes.count - shown.count) more lanes", width: width, more: glyphs.more), style: style.dim))
        }
        if shown.isEmpty { out.append(plain("(no calls)", style: style.dim)) }
        let pad = String(repeating: " ", count: labelWidth + 1)
        var axis = [Character](repeating: glyphs.axis, count: cells + 1)
        if let marker { axis[marker] = glyphs.axisMark }
        out.append(Line(text: pad + style.dim(String(axis)), visible: labelWidth + 2 + cells))
        let labels = Self.axisLabels(scale: scale, cells: cells + 1)
        out.append(Line(text: pad + style.dim(labels), visible: labelWidth + 1 + labels.count))
        return out
    }

    private func plain(_ text: String, style paint: (String) -> String) -> Line {
        Line(text: paint(text), visible: text.count)
    }

    /// What one cell of a lane shows.
    private enum Cell: Equatable {
        case empty, returned
        case bar(ResultsFormatOutcome)
        case mark(ResultsFormatOutcome)
    }

    private typealias ResultsFormatOutcome = ResultsFormat.SpanOutcome

    /// Fills the cells `span` covers: a bar, and its ending's mark in the last cell.
    private func draw(_ span: Report.Timeline.Span, into row: inout [Cell], scale: Double, cells: Int) {
        let first = min(cells - 1, Int((span.startMs / scale * Double(cells)).rounded(.down)))
        let last = max(first, min(cells - 1, Int((span.endMs / scale * Double(cells)).rounded(.up)) - 1))
        for index in first...last { row[index] = .bar(span.outcome) }
        if span.outcome != .ok { row[last] = .mark(span.outcome) }
    }

    /// The cells as text, each run of one kind coloured once.
    private func paint(_ row: [Cell]) -> String {
        var out = ""
        var index = 0
        while index < row.count {
            var end = index
            while end + 1 < row.count && row[end + 1] == row[index] { end += 1 }
            let count = end - index + 1
            out += paint(row[index], count: count)
            index = end + 1
        }
        return out
    }

    private func paint(_ cell: Cell, count: Int) -> String {
        let g = glyphs
        switch cell {
        case .empty: return String(repeating: " ", count: count)
        case .returned: return style.strong(String(repeating: String(g.returned), count: count))
        case .bar(let outcome): return colour(outcome, String(repeating: String(g.bar), count: count))
        case .mark(let outcome):
            let mark = outcome == .cancelled ? g.cancelled : outcome == .failed ? g.failed : g.running
            return colour(outcome, String(repeating: String(mark), count: count))
        }
    }

    private func colour(_ outcome: ResultsFormatOutcome, _ text: String) -> String {
        switch outcome {
        case .ok: return style.good(text)
        case .cancelled: return style.warn(text)
        case .failed, .running: return style.bad(text)
        }
    }

    /// Every lane of both runs, in the order they first appear (the answer's first).
    static func lanes(_ timeline: Report.Timeline) -> [String] {
        var seen: Set<String> = []
        var lanes: [String] = []
        for span in timeline.run.spans + (timeline.best?.spans ?? []) where seen.insert(span.lane).inserted {
            lanes.append(span.lane)
        }
        return lanes
    }

    /// The time the axis ends at, in milliseconds: the last end or return of either run.
    static func scale(_ timeline: Report.Timeline) -> Double {
        let runs = [timeline.run] + (timeline.best.map { [$0] } ?? [])
        let latest = runs.flatMap { run in run.spans.map(\.endMs) + [run.returnedMs ?? 0] }.max() ?? 0
        return max(latest, 1)
    }

    /// The cell just after a moment (where a bar ending then would stop), on an axis of `cells`
    /// cells plus one for a return at the very end.
    static func cell(at milliseconds: Double, scale: Double, cells: Int) -> Int {
        min(cells, max(0, Int((milliseconds / scale * Double(cells)).rounded(.up))))
    }

    /// "returned at 0.3 s", "threw at 0.1 s" or "never returned".
    static func ending(_ run: Report.Timeline.Run) -> String {
        guard let at = run.returnedMs else { return "never returned" }
        return "\(run.threw ? "threw" : "returned") at \(seconds(at))"
    }

    /// Labels under the axis: 0, the middle and the end, in seconds, where they fit.
    static func axisLabels(scale: Double, cells: Int) -> String {
        var text = [Character](repeating: " ", count: cells)
        func place(_ label: String, at column: Int) {
            let start = max(0, min(cells - label.count, column))
            let range = start..<(start + label.count)
            guard range.upperBound <= cells, text[max(0, start - 1)..<min(cells, range.upperBound + 1)].allSatisfy({ $0 == " " }) else { return }
            for (offset, character) in label.enumerated() { text[start + offset] = character }
        }
        place("0", at: 0)
        let end = seconds(scale)
        place(end, at: cells - end.count)
        let middle = seconds(scale / 2)
        place(middle, at: cells / 2 - middle.count / 2)
        while text.last == " " { text.removeLast() }
        return String(text)
    }

    /// Milliseconds as seconds, to the millisecond: "0.3 s", "1.25 s".
    static func seconds(_ milliseconds: Double) -> String {
        let value = (milliseconds).rounded() / 1000
        return value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }

    /// `text` cut to `width` characters, ending in `more` when cut.
    static func fitted(_ text: String, width: Int, more: Character) -> String {
        guard text.count > width else { return text }
        return String(text.prefix(max(0, width - 1))) + String(more)
    }
}
