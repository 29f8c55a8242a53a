import Foundation

/// Prints a report for people: verdict, category bars, failing tests, latency, checklist, review.
public struct ReportRenderer: Sendable {
    /// Colours.
    public let style: Style
    /// The columns text is wrapped to.
    public var width: Int

    /// Creates a renderer that wraps to `width` columns.
    public init(style: Style, width: Int = 80) {
        self.style = style
        self.width = width
    }

    /// The whole report as text that fits `width` columns.
    public func render(_ report: Report, title: String) -> String {
        var out: [String] = []
        out.append(header(report, title: title))
        out.append(style.dim("\(report.file) · compiled in \(Checklist.format(report.timing.compileSeconds)), ran in \(Checklist.format(report.timing.runSeconds))"))
        out += diagnosticLines(report)
        if report.verdict != .compileError {
            out.append("")
            out.append(contentsOf: categoryLines(report))
        }
        out += failureLines(report)
        if !report.checklist.isEmpty {
            out.append("")
            out.append(contentsOf: checklistLines(report.checklist))
        }
        if !report.review.isEmpty {
            out.append("")
            out.append(contentsOf: reviewLines(report.review))
        }
        if let note = closingNote(report) {
            out.append("")
            out.append(note)
        }
        return out.joined(separator: "\n")
    }

    /// The compiler's messages, after a blank line; none when there are none.
    func diagnosticLines(_ report: Report) -> [String] {
        guard !report.diagnostics.isEmpty else { return [] }
        var out = ["", style.strong("Compiler")]
        for diagnostic in report.diagnostics.prefix(12) {
            let location = diagnostic.line > 0 ? "\(report.file):\(diagnostic.line):\(diagnostic.column): " : ""
            let text = "\(location)\(diagnostic.severity): \(diagnostic.message)"
            out.append(Style.wrapped(diagnostic.severity == "error" ? style.bad(text) : style.warn(text), indent: 2, width: width))
            if let excerpt = diagnostic.excerpt {
                out += Self.excerptLines(excerpt, column: diagnostic.column, width: width - 4).map { "    " + $0 }
            }
            if let explanation = diagnostic.explanation {
                out.append(Style.wrapped(explanation, indent: 4, width: width))
            }
        }
        return out
    }

    /// The source line and caret line of an excerpt, both cut to the same window of `width`
    /// columns around `column` so the caret stays under the code it points at; leading
    /// indentation shared by both is dropped first.
    static func excerptLines(_ excerpt: String, column: Int, width: Int) -> [String] {
        var lines = excerpt.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        let shared = lines.map { line in line.prefix { $0 == " " }.count }.min() ?? 0
        lines = lines.map { Array($0.dropFirst(shared)) }
        let longest = lines.map(\.count).max() ?? 0
        guard longest > width, width > 8 else { return lines.map { String($0) } }
        let caret = max(0, column - 1 - shared)
        let start = max(0, min(caret - width / 2, longest - width))
        return lines.map { line in
            guard start < line.count else { return "" }
            return String(line[start..<min(line.count, start + width)])
        }
    }

    /// What ended the run early, the failing tests and the latency, each after a blank line.
    func failureLines(_ report: Report) -> [String] {
        var out: [String] = []
        if report.sandboxPartial, let sandbox = report.sandbox {
            out.append("")
            out.append(Style.wrapped(style.warn("The sandbox was partial on this machine (files: \(sandbox["filesystem"] ?? "?"), signals: \(sandbox["signals"] ?? "?"), processes: \(sandbox["processes"] ?? "?")): the verdict stands, but the answer ran with fewer fences than usual."), indent: 2, width: width))
        }
        if let detail = report.failureDetail {
            out.append("")
            out.append(Style.wrapped(style.bad(detail), indent: 2, width: width))
        }
        let failing = report.tests.filter { $0.status != .pass && $0.status != .notRun }
        if !failing.isEmpty {
            out.append("")
            out.append(style.strong("Failing tests"))
            for test in failing {
                out.append("  \(style.bad("✗")) \(test.name) \(style.dim("(\(test.category), \(test.status.rawValue))"))")
                out.append(Style.wrapped(test.message, indent: 4, width: width))
                if let output = test.output, !output.isEmpty {
                    out.append(style.dim("    your code printed:"))
                    out.append(style.dim(Style.wrapped(String(output.prefix(600)), indent: 6, width: width)))
                }
            }
        }
        if let latency = report.latency {
            out.append("")
            out.append(latencyLine(latency))
        }
        if let timeline = report.timeline, timeline.deservesAttention(in: report) {
            out.append("")
            out += TimelineChart(style: style, width: width).lines(timeline)
        }
        return out
    }

    /// After a pass: interview-ready, or what is left to make it so.
    func closingNote(_ report: Report) -> String? {
        guard report.verdict == .pass else { return nil }
        return report.interviewReady
            ? style.good(Style.wrapped("Interview-ready: every test passes, your intent is clear, and the review found nothing to fix.", indent: 0, width: width))
            : style.warn(Style.wrapped("All tests pass. To be interview-ready, work through the checklist and review notes above.", indent: 0, width: width))
    }

    private func header(_ report: Report, title: String) -> String {
        style.strong("\(report.exercise) — \(title)") + "  " + verdictWord(report.verdict)
    }

    /// The verdict as one coloured word.
    func verdictWord(_ verdict: Report.Verdict) -> String {
        switch verdict {
        case .pass: return style.good("PASS")
        case .fail: return style.bad("FAIL")
        case .compileError: return style.bad("COMPILE ERROR")
        case .crash: return style.bad("CRASH")
        case .timeout: return style.bad("TIME-OUT")
        }
    }

    func categoryLines(_ report: Report) -> [String] {
        let names = Report.categoryOrder.filter { report.categories[$0] != nil }
            + report.categories.keys.filter { !Report.categoryOrder.contains($0) }.sorted()
        return names.map { name in
            let score = report.categories[name]!
            let filled = score.total == 0 ? 0 : Int((Double(score.passed) / Double(score.total) * 10).rounded())
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: 10 - filled)
            let colored = score.passed == score.total ? style.good(bar) : style.bad(bar)
            return "  \(name.padding(toLength: 13, withPad: " ", startingAt: 0)) \(colored)  \(score.passed)/\(score.total)"
        }
    }

    private func latencyLine(_ latency: Report.Latency) -> String {
        var text = "Latency: "
        if let requests = latency.requests, let each = latency.eachSeconds {
            text += "\(requests) request\(requests == 1 ? "" : "s") of \(Int((each * 1000).rounded())) ms took "
        } else {
            text += "took "
        }
        text += "\(Checklist.format(latency.virtualSeconds)) of virtual time; "
        if latency.virtualSeconds < latency.bestSeconds - 0.0005 {
            return style.warn(text + "the rules allow no less than \(Checklist.format(latency.bestSeconds))")
        }
        text += "best possible \(Checklist.format(latency.bestSeconds))"
        return latency.virtualSeconds <= latency.bestSeconds + 0.0005 ? style.good(text) : style.warn(text)
    }

    /// The checklist as printed lines.
    public func checklistLines(_ checklist: [Report.ChecklistItem]) -> [String] {
        var lines = [style.strong("Checklist")]
        for item in checklist {
            let mark: String
            switch item.status {
            case .met: mark = style.good("✓")
            case .missed: mark = style.bad("✗")
            case .notApplicable: mark = style.dim("–")
            }
            let body = Style.wrapped(item.note, indent: 20, width: width)
            lines.append("  \(mark) \(item.id.rawValue.padding(toLength: 15, withPad: " ", startingAt: 0)) " + body.dropFirst(20))
        }
        return lines
    }

    /// The review notes as printed lines.
    public func reviewLines(_ notes: [ReviewNote]) -> [String] {
        var lines = [style.strong("Review")]
        for note in notes {
            let severity = note.severity == .essential ? style.bad(note.severity.rawValue) : note.severity == .actionable ? style.warn(note.severity.rawValue) : style.dim(note.severity.rawValue)
            lines.append("  line \(note.line): \(note.rule) (\(severity))")
            lines.append(Style.wrapped(note.message, indent: 4, width: width))
        }
        return lines
    }
}
