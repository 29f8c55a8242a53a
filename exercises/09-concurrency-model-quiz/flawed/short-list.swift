// expect: fail correctness
import Foundation
import InterviewKit

// Intent: answered the first six questions; the last two are left out of the list.

/// One letter per question, in order.
let answers: [Character] = ["c", "a", "d", "b", "a", "c"]
