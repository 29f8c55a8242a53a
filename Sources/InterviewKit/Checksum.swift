import Synchronization

/// Counts calls of `checksum` so a test can see how the work was split.
public enum ChecksumProbe {
    private static let observer = Mutex<(@Sendable (Int) -> Void)?>(nil)

    /// Sets (or clears) the function told the size of every chunk summed.
    public static func observe(_ body: (@Sendable (Int) -> Void)?) {
        observer.withLock { $0 = body }
    }

    fileprivate static func record(_ count: Int) {
        let body = observer.withLock { $0 }
        body?(count)
    }
}

/// A deterministic, CPU-only checksum of one chunk (exercise `cpu-bound-work`).
public func checksum(_ chunk: ArraySlice<UInt8>) -> UInt64 {
    ChecksumProbe.record(chunk.count)
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in chunk {
        hash ^= UInt64(byte)
        hash = hash &* 0x0000_0100_0000_01b3
    }
    return hash
}
