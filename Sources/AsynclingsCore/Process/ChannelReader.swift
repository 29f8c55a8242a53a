import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Drains the results pipe on its own thread while the child runs, keeping at most
/// `limit` bytes (the rest is read and dropped, so the child never blocks on a full pipe).
final class ChannelReader: @unchecked Sendable {
    private let descriptor: Int32
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()
    static let limit = 4 << 20

    init(descriptor: Int32) {
        self.descriptor = descriptor
        Thread { [self] in
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count > 0 {
                    if data.count < Self.limit { data.append(contentsOf: buffer[0..<min(count, Self.limit - data.count)]) }
                } else if count == 0 || errno != EINTR {
                    break
                }
            }
            done.signal()
        }.start()
    }

    /// Waits for the end of the pipe (every writer gone), closes it and returns what was read.
    func finish() -> Data {
        done.wait()
        close(descriptor)
        return data
    }
}
