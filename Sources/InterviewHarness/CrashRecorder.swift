#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import ResultsFormat
import Synchronization

/// Records where the test binary crashed, for the tutor to name the learner's line: on SIGILL,
/// SIGTRAP, SIGSEGV, SIGBUS or SIGABRT a handler collects the return addresses of the crashing
/// thread and writes them, with the extent of the program's own image, as one sealed `crash`
/// line on the results channel; then the signal takes its default course. The tutor
/// symbolicates the addresses against the test binary (`CrashLocation`).
///
/// A signal handler may only call async-signal-safe functions, so everything is prepared by
/// `install`, before any learner code runs: the buffers, a copy of the secret, the image's
/// extent (read from /proc/self/maps while the sandbox still allows it), the C library's
/// `backtrace` (called once, so it has loaded its unwinder), and an alternate stack (a stack
/// overflow leaves no stack for the handler). The handler formats the JSON by hand, digests it
/// with the same FNV-1a as `ResultsFormat.digest` over raw memory, and writes it with one
/// write(2), which a pipe keeps whole below PIPE_BUF. It cannot take the channel's lock to
/// number the line, so it uses `ResultsFormat.crashSequence`, above any number a run reaches:
/// the crash line is the last line a run writes.
enum CrashRecorder {
    /// The most return addresses recorded.
    static let frameLimit: Int32 = 48
    private static let lineCapacity = 2048
    private static let alternateStackSize = 256 << 10

    private typealias Backtrace = @convention(c) (UnsafeMutablePointer<UnsafeMutableRawPointer?>?, Int32) -> Int32

    /// Everything the handler touches, allocated once by `install`.
    private struct Prepared {
        var descriptor: Int32
        var secret: UnsafeMutableBufferPointer<UInt8>
        var frames: UnsafeMutablePointer<UnsafeMutableRawPointer?>
        var line: UnsafeMutablePointer<UInt8>
        var imageStart: UInt
        var imageEnd: UInt
        var imageBase: UInt
        var backtrace: Backtrace
    }

    nonisolated(unsafe) private static var prepared: UnsafeMutablePointer<Prepared>?
    private static let fired = Atomic<Bool>(false)

    /// The signals that mean the process crashed.
    static let signals: [Int32] = [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT]

    /// Prepares the handler and installs it for `signals`; `descriptor` is the results channel
    /// (or standard error when the binary is run by hand). Call once, before the sandbox.
    static func install(secret: [UInt8], descriptor: Int32) {
        guard prepared == nil, let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "backtrace"),
              let image = ownImage() else { return }
        let backtrace = unsafeBitCast(symbol, to: Backtrace.self)
        let frames = UnsafeMutablePointer<UnsafeMutableRawPointer?>.allocate(capacity: Int(frameLimit))
        let copy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: secret.count)
        _ = copy.initialize(from: secret)
        let state = UnsafeMutablePointer<Prepared>.allocate(capacity: 1)
        state.initialize(to: Prepared(
            descriptor: descriptor, secret: copy, frames: frames,
            line: .allocate(capacity: lineCapacity),
            imageStart: image.start, imageEnd: image.end, imageBase: image.base, backtrace: backtrace))
        prepared = state
        _ = fired.load(ordering: .relaxed)
        _ = format(state, signal: 0)

        var stack = stack_t()
        stack.ss_sp = UnsafeMutableRawPointer.allocate(byteCount: alternateStackSize, alignment: 16)
        stack.ss_size = alternateStackSize
        _ = sigaltstack(&stack, nil)
        for signal in signals {
            var action = sigaction()
            action.__sigaction_handler.sa_sigaction = crashHandler
            action.sa_flags = SA_SIGINFO | SA_ONSTACK | Int32(bitPattern: UInt32(SA_RESETHAND))
            sigemptyset(&action.sa_mask)
            _ = sigaction(signal, &action, nil)
        }
    }

    /// The program's own image (where the answer and the suite are linked): the lowest and
    /// highest address of its mappings, and the address its file is mapped at (offset 0).
    private static func ownImage() -> (start: UInt, end: UInt, base: UInt)? {
        guard let program = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"),
              let maps = try? String(contentsOfFile: "/proc/self/maps", encoding: .utf8) else { return nil }
        var start = UInt.max, end: UInt = 0, base: UInt?
        for line in maps.split(separator: "\n") where line.hasSuffix(" " + program) {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            let range = fields[0].split(separator: "-")
            guard fields.count >= 6, range.count == 2, let low = UInt(range[0], radix: 16),
                  let high = UInt(range[1], radix: 16), let offset = UInt(fields[2], radix: 16) else { continue }
            start = min(start, low)
            end = max(end, high)
            if offset == 0 { base = min(base ?? low, low) }
        }
        guard let base, start < end else { return nil }
        return (start, end, base)
    }

    /// Runs in the signal handler: no allocation, no locks, write(2) only.
    fileprivate static func record(_ signal: Int32) {
        guard let state = prepared, !fired.exchange(true, ordering: .relaxed) else { return }
        let length = format(state, signal: signal)
        _ = write(state.pointee.descriptor, state.pointee.line, length)
    }

    /// Fills the line buffer with the sealed crash line and returns its length. `install` runs
    /// it once, so that every path it takes (generic metadata included) is set up before a
    /// signal handler needs it.
    private static func format(_ state: UnsafeMutablePointer<Prepared>, signal: Int32) -> Int {
        let count = Int(state.pointee.backtrace(state.pointee.frames, frameLimit))
        let prefix = 17
        var writer = LineWriter(buffer: state.pointee.line, capacity: lineCapacity, position: prefix)
        writer.append("{\"addresses\":[")
        var first = true
        for index in 0..<count {
            let address = UInt(bitPattern: state.pointee.frames[index])
            guard address >= state.pointee.imageStart, address < state.pointee.imageEnd else { continue }
            if !first { writer.append(",") }
            writer.append(decimal: address)
            first = false
        }
        writer.append("],\"event\":\"crash\",\"image\":[")
        writer.append(decimal: state.pointee.imageStart)
        writer.append(",")
        writer.append(decimal: state.pointee.imageEnd)
        writer.append(",")
        writer.append(decimal: state.pointee.imageBase)
        writer.append("],\"seq\":")
        writer.append(decimal: UInt(ResultsFormat.crashSequence))
        writer.append(",\"signal\":")
        writer.append(decimal: UInt(signal))
        writer.append("}")
        // FNV-1a over secret, JSON, secret: `ResultsFormat.digest`, over raw memory.
        var digest: UInt64 = 0xcbf2_9ce4_8422_2325
        let secret = state.pointee.secret
        for index in 0..<secret.count { digest = (digest ^ UInt64(secret[index])) &* 0x0000_0100_0000_01b3 }
        for index in prefix..<writer.position { digest = (digest ^ UInt64(state.pointee.line[index])) &* 0x0000_0100_0000_01b3 }
        for index in 0..<secret.count { digest = (digest ^ UInt64(secret[index])) &* 0x0000_0100_0000_01b3 }
        for index in 0..<16 {
            let digit = UInt8((digest >> UInt64(60 - 4 * index)) & 0xf)
            state.pointee.line[index] = digit < 10 ? 48 + digit : 87 + digit
        }
        state.pointee.line[16] = 0x20
        writer.append("\n")
        return writer.position
    }
}

/// Appends text and numbers to a fixed buffer, dropping what does not fit.
private struct LineWriter {
    let buffer: UnsafeMutablePointer<UInt8>
    let capacity: Int
    var position: Int

    mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes in
            for byte in bytes where position < capacity - 1 {
                buffer[position] = byte
                position += 1
            }
        }
    }

    mutating func append(decimal value: UInt) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { digits in
            repeat {
                digits[count] = UInt8(48 + rest % 10)
                rest /= 10
                count += 1
            } while rest > 0
            while count > 0 && position < capacity - 1 {
                count -= 1
                buffer[position] = digits[count]
                position += 1
            }
        }
    }
}

/// The installed handler. The signal's action is back to the default once it runs, so raising
/// it again ends the process the way it would have ended without the handler (a fault would
/// also repeat on return, but a signal sent by `raise` would not).
private let crashHandler: @convention(c) (Int32, UnsafeMutablePointer<siginfo_t>?, UnsafeMutableRawPointer?) -> Void = { signal, _, _ in
    CrashRecorder.record(signal)
    raise(signal)
}
