import Foundation
import InterviewKit

// Intent: (say in a sentence or two why your code has the shape it has)

/// Twice `value`.
nonisolated func double(_ value: Int) -> Int {
    value
}
