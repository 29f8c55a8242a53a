import Foundation
import InterviewKit

// Intent: (say in a sentence or two why your code has the shape it has)

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

    init(clock: C) {
        self.clock = clock
    }

    func add(from source: some Source) async -> Int {
        total += 1
        return total
    }
}

/// Green for even numbers.
func light(for value: Int) -> Signal {
    .red
}
