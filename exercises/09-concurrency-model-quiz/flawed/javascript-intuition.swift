// expect: fail correctness
import Foundation
import InterviewKit

// Intent: answered the way the JavaScript event loop works: one thread, run-to-completion
// between awaits, promises that keep running on their own, setTimeout(0) for yielding.

/// One letter per question, in order.
let answers: [Character] = ["A", "B", "A", "A", "C", "C", "B", "A"]
