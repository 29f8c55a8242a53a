/// One frame of the full-screen practice view: a header that always shows the exercise, the
/// verdict and the category bars; the current pane, scrolled; a notice and the keys. Pure:
/// the key loop draws what it returns.
struct PracticeScreen {
    let engine: PracticeEngine
    let size: TerminalSize
    /// While a check runs: what to say instead of the verdict.
    var checking: String?

    private var style: Style { engine.session.style }
    private var width: Int { max(20, size.columns - 1) }

    /// The header's lines.
    var header: [String] {
        let exercise = engine.exercise, session = engine.session
        var lines = [style.strong("Exercise \(exercise.number)/\(session.catalog.exercises.map(\.number).max() ?? session.catalog.exercises.count): \(exercise.name) — \(exercise.title)")]
        let file = session.display(engine.file)
        if let checking {
            lines.append(style.warn(checking))
        } else if let report = engine.report {
            let passing = report.tests.filter { $0.status == .pass }.count
            var status = ReportRenderer(style: style).verdictWord(report.verdict) + "  \(passing)/\(report.tests.count) tests pass"
            if report.passed { status += report.interviewReady ? style.good(" · interview-ready") : " · not interview-ready yet: c checklist" }
            lines.append(status + style.dim(" · \(file) is re-checked on every save"))
        } else {
            lines.append(style.dim("not checked yet · edit \(file) and save it to check"))
        }
        if let report = engine.report, report.verdict != .compileError, checking == nil {
            lines += bars(report)
        }
        return lines.map { ScreenText.truncate($0, width: width) }
    }

    /// The category bars, as many to a row as fit.
    private func bars(_ report: Report) -> [String] {
        let names = Report.categoryOrder.filter { report.categories[$0] != nil }
        let cells = names.map { name -> String in
            let score = report.categories[name]!
            let filled = score.total == 0 ? 0 : Int((Double(score.passed) / Double(score.total) * 5).rounded())
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: 5 - filled)
            let counts = "\(score.passed)/\(score.total)".padding(toLength: 5, withPad: " ", startingAt: 0)
            return name.padding(toLength: 13, withPad: " ", startingAt: 0) + (score.passed == score.total ? style.good(bar) : style.bad(bar)) + " " + counts
        }
        let perRow = max(1, width / 26)
        return stride(from: 0, to: cells.count, by: perRow).map { start in
            "  " + cells[start..<min(cells.count, start + perRow)].joined(separator: "  ")
        }
    }

    /// The footer's lines: the notice, then the keys.
    var footer: [String] {
        var lines: [String] = []
        if !engine.notice.isEmpty {
            lines += Style.wrapped(engine.notice, indent: 0, width: width).split(separator: "\n").prefix(3).map { style.warn(String($0)) }
        }
        let keys: [String]
        if case .list = engine.pane {
            keys = ["↑/↓ or a number to choose", "Enter open", "Esc back"]
        } else {
            keys = ["r check", "h hint", "f tests", "t timeline", "c checklist", "v review", "i rules", "l list", "n next", "s solution", "q quit"]
        }
        return lines + Self.rows(of: keys, width: width).map(style.dim)
    }

    /// `items` joined with " · " into as few lines of at most `width` columns as they fit.
    static func rows(of items: [String], width: Int) -> [String] {
        var rows: [String] = []
        for item in items {
            if let last = rows.last, last.count + 3 + item.count <= width {
                rows[rows.count - 1] = last + " · " + item
            } else {
                rows.append(item)
            }
        }
        return rows
    }

    /// The frame with the pane scrolled to `scroll` (clamped), and the largest useful scroll.
    func frame(scroll: Int) -> (text: String, maxScroll: Int) {
        let top = header, bottom = footer
        let pane = PaneContent(engine: engine, style: style, width: width).lines
        let rows = max(1, size.rows - top.count - bottom.count - 1)
        let maxScroll = max(0, pane.count - rows)
        let start = min(max(0, scroll), maxScroll)
        let visible = Array(pane[start..<min(pane.count, start + rows)])
        var title = "── \(PaneContent(engine: engine, style: style, width: width).title) "
        if maxScroll > 0 {
            title += "· lines \(start + 1)–\(start + visible.count) of \(pane.count) · ↑/↓ PgUp/PgDn "
        }
        let divider = style.dim(title + String(repeating: "─", count: max(0, width - ScreenText.visibleWidth(title))))
        let body = visible + Array(repeating: "", count: rows - visible.count)
        let lines = (top + [divider] + body + bottom).prefix(size.rows)
        let text = "\u{1B}[H" + lines.map { $0 + "\u{1B}[0m\u{1B}[K" }.joined(separator: "\r\n") + "\u{1B}[J"
        return (text, maxScroll)
    }
}
