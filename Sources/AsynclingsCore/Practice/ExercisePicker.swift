/// The practice screen's exercise list as a menu: a cursor that ↑/↓ (or k/j) move, digits
/// that jump to an exercise's number, Enter to open, Esc or q to go back. Pure state: the
/// practice loop feeds it keys and draws `cursor`.
struct ExercisePicker {
    /// A key as the terminal sends it, arrows already decoded.
    typealias Key = TerminalKey

    /// What a key led to.
    enum Outcome: Equatable {
        case stay
        case open(Int)
        case cancel
    }

    /// The exercise numbers, in list order.
    let numbers: [Int]
    /// The row the cursor is on.
    private(set) var cursor: Int
    private var typed = ""

    /// A picker over `numbers`, starting on `current`.
    init(numbers: [Int], current: Int) {
        self.numbers = numbers
        cursor = numbers.firstIndex(of: current) ?? 0
    }

    /// Moves, jumps, opens or cancels.
    mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .up, .character("k"):
            cursor = max(0, cursor - 1)
            typed = ""
        case .down, .character("j"):
            cursor = min(numbers.count - 1, cursor + 1)
            typed = ""
        case .enter:
            return .open(numbers[cursor])
        case .back, .character("q"):
            return .cancel
        case .character(let digit) where digit.isNumber:
            // "1" then "2" jumps to 12 when there is one; otherwise the last digit starts anew.
            let candidate = typed + String(digit)
            if let row = numbers.firstIndex(where: { String($0) == candidate }) {
                typed = candidate
                cursor = row
            } else if let row = numbers.firstIndex(where: { String($0) == String(digit) }) {
                typed = String(digit)
                cursor = row
            }
        default:
            break
        }
        return .stay
    }
}
