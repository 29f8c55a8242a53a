import Foundation

/// Seals each line of the results channel with the run's secret and a sequence number, so a
/// line written by the code under test (which never sees the secret) is recognised and ignored.
///
/// A line is `<16 hex digits> <JSON>`; the digits are FNV-1a over secret, JSON and secret again.
/// The tutor's `ResultsLog` checks the same digest and that sequence numbers only increase.
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
        var digest: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in secret + Array(json) + secret {
            digest = (digest ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        let hex = String(digest, radix: 16)
        var line = Data((String(repeating: "0", count: 16 - hex.count) + hex + " ").utf8)
        line.append(json)
        line.append(0x0A)
        return line
    }
}
