import Foundation
import InterviewKit

// Intent: an actor keeps the count, so adding never races.

/// A traffic light.
enum Signal: Sendable {
    case green, red
}

/// Something that hands out numbers.
protocol Source: Sendable {
    func next() async -> Int
}

/// Adds numbers up.
actor Counter<C: Clock> where C.Duration == Duration {
    private let clock: C
    private var total = 0
    private var calls = 0

    init(clock: C) {
        self.clock = clock
    }

    func add(from source: some Source) async -> Int {
        calls += 1
        total += await source.next()
        return total
    }
}

/// Green for even numbers.
func light(for value: Int) -> Signal {
    value.isMultiple(of: 2) ? .green : .red
}
