import Foundation
import Synchronization
@testable import AsynclingsCore

/// A terminal that plays a script instead of waiting for a person: each read of a key takes
/// the next step (a key, a save of the learner's file, a resize). When the script is over it
/// answers `q`, so a loop under test always ends. It keeps every frame written.
final class ScriptedTerminal: TerminalDevice {
    enum Step {
        case key(Character)
        case save
        case resize(columns: Int, rows: Int)
    }

    private struct State {
        var steps: [Step]
        var size: TerminalSize
        var writes: [String] = []
        var saves = 0
        var entered: Bool?
        var left = 0
        var saveOnFirstWrite = false
    }

    private let state: Mutex<State>

    init(_ steps: [Step], columns: Int, rows: Int, saveOnFirstWrite: Bool = false) {
        state = Mutex(State(steps: steps, size: TerminalSize(columns: columns, rows: rows), saveOnFirstWrite: saveOnFirstWrite))
    }

    /// Keys typed one after another.
    static func keys(_ text: String) -> [Step] { text.map { .key($0) } }

    func enter(fullScreen: Bool) -> Bool {
        state.withLock { $0.entered = fullScreen }
        return true
    }

    func leave() { state.withLock { $0.left += 1 } }

    func key(waiting milliseconds: Int32) -> Character? {
        state.withLock { state in
            guard !state.steps.isEmpty else { return "q" }
            switch state.steps.removeFirst() {
            case .key(let key): return key
            case .save: state.saves += 1
            case .resize(let columns, let rows): state.size = TerminalSize(columns: columns, rows: rows)
            }
            return nil
        }
    }

    func size() -> TerminalSize { state.withLock { $0.size } }

    func write(_ text: String) {
        state.withLock { state in
            state.writes.append(text)
            if state.saveOnFirstWrite {
                state.saveOnFirstWrite = false
                state.saves += 1
            }
        }
    }

    /// The learner's file's modification time: one tick per scripted save.
    func modificationDate(_ file: URL) -> Date? {
        Date(timeIntervalSince1970: Double(state.withLock { $0.saves }))
    }

    /// Every frame written, as the lines a person would see (colour codes and clears removed).
    var frames: [[String]] {
        state.withLock { $0.writes }.map(Self.visibleLines)
    }

    var entered: Bool? { state.withLock { $0.entered } }
    var leaves: Int { state.withLock { $0.left } }

    static func visibleLines(_ frame: String) -> [String] {
        let plain = frame.replacingOccurrences(of: "\u{1B}\\[[0-9;?]*[A-Za-z]", with: "", options: .regularExpression)
        return plain.components(separatedBy: "\r\n")
    }
}
