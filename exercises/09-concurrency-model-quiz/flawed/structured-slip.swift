// expect: fail correctness
import Foundation
import InterviewKit

// Intent: mostly right, but treats `Task {}` as a child task and `Task.yield()` as a
// guarantee that every other ready task runs first.

/// One letter per question, in order.
let answers: [Character] = ["C", "A", "D", "C", "B", "C", "D", "B"]
