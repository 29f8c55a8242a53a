import Foundation
import ResultsFormat

/// Numbers each event of the results channel and seals it with the run's secret
/// (`ResultsFormat.seal`), so a line written by the code under test, which never sees the
/// secret, is recognised and ignored.
struct ResultsSeal {
    private let secret: [UInt8]
    private var sequence = 0

    /// A seal for `secret`; an empty secret still numbers and digests the lines.
    init(secret: [UInt8]) {
        self.secret = secret
    }

    /// The sealed line for `event`, newline included.
    mutating func line(for event: [String: Any]) -> Data? {
        sequence += 1
        var numbered = event
        numbered["seq"] = sequence
        guard let json = try? JSONSerialization.data(withJSONObject: numbered, options: [.sortedKeys]) else { return nil }
        return Data(ResultsFormat.seal(json: Array(json), secret: secret))
    }
}
