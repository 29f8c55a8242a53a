#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import ResultsFormat
import Synchronization

/// The private channel from the test binary to the tutor: one sealed JSON object per line,
/// written to a pipe whose read end only the tutor holds (descriptor 3). The run's secret
/// arrives once on descriptor 4, which is closed after reading; it is never in the environment.
/// Nothing on stdout is ever read as a result. The line format is `ResultsFormat`'s.
public enum ResultsChannel {
    private static let descriptor = Mutex<Int32>(-1)
    private static let currentTest = Mutex<String?>(nil)
    private static let seal = Mutex(ResultsSeal(secret: []))
    private static let selection = Mutex<Set<String>?>(nil)

    /// The tests the tutor asked for, or nil for the whole suite.
    static var selectedTests: Set<String>? { selection.withLock { $0 } }

    /// Takes the channel and the secret the tutor handed over, fences the process in, and
    /// wipes the variables it read, before any code under test runs.
    public static func open() {
        let memory = take(ResultsFormat.Variable.memory).flatMap(Int.init)
        let output = take(ResultsFormat.Variable.output).flatMap(Int.init)
        let tutor = take(ResultsFormat.Variable.tutor).flatMap { pid_t($0) }
        selection.withLock { $0 = take(ResultsFormat.Variable.only).map { Set($0.split(separator: ",").map(String.init)) } }
        TimelineRecorder.draw(take(ResultsFormat.Variable.timeline))
        if let folder = take(ResultsFormat.Variable.folder) { _ = chdir(folder) }
        let secret = readSecret()
        let results = ResultsFormat.resultsDescriptor
        if fcntl(results, F_GETFD) != -1 {
            _ = fcntl(results, F_SETFD, FD_CLOEXEC)
            descriptor.withLock { $0 = results }
        }
        seal.withLock { $0 = ResultsSeal(secret: secret) }
        CrashRecorder.install(secret: secret, descriptor: descriptor.withLock { $0 } >= 0 ? results : 2)
        Containment.apply(memoryMB: memory, outputKB: output, tutor: tutor)
    }

    /// Reads the secret from its descriptor and closes it; empty when run by hand.
    private static func readSecret() -> [UInt8] {
        let source = ResultsFormat.secretDescriptor
        guard fcntl(source, F_GETFD) != -1 else { return [] }
        var secret = [UInt8](repeating: 0, count: ResultsFormat.secretLength)
        var filled = 0
        while filled < secret.count {
            let wanted = secret.count - filled
            let count = secret.withUnsafeMutableBytes { read(source, $0.baseAddress! + filled, wanted) }
            if count > 0 { filled += count } else if count == 0 || errno != EINTR { break }
        }
        close(source)
        return Array(secret.prefix(filled))
    }

    /// Reads a variable, overwrites its text in the environment block, and removes it.
    private static func take(_ name: String) -> String? {
        guard let raw = getenv(name) else { return nil }
        let value = String(cString: raw)
        memset(raw, 0, strlen(raw))
        unsetenv(name)
        return value
    }

    /// Writes one event; without a channel (the binary run by hand) it goes to standard error.
    static func send(_ event: [String: Any]) {
        guard let line = seal.withLock({ $0.line(for: event) }) else { return }
        let fd = descriptor.withLock { $0 }
        line.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let count = write(fd >= 0 ? fd : 2, bytes.baseAddress! + offset, bytes.count - offset)
                if count > 0 { offset += count } else if count == 0 || errno != EINTR { return }
            }
        }
    }

    /// The size of standard output so far, so the tutor can cut each test's output from it.
    static func outputOffset() -> Int {
        fflush(nil)
        var info = stat()
        guard fstat(1, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return -1 }
        return Int(info.st_size)
    }

    /// The test now running, as the reporter set it.
    static var runningTest: String? {
        get { currentTest.withLock { $0 } }
        set { currentTest.withLock { $0 = newValue } }
    }

    /// Reports the virtual latency the running test measured, for the report's latency line.
    public static func recordLatency(_ elapsed: Duration, requests: Int? = nil, each: Duration? = nil) {
        var event: [String: Any] = ["event": ResultsFormat.Event.latency.rawValue, "seconds": elapsed.secondsValue]
        if let test = runningTest { event["test"] = test }
        if let requests { event["requests"] = requests }
        if let each { event["each_seconds"] = each.secondsValue }
        send(event)
    }

    /// Marks the end of a complete run; a run without it ended early.
    static func finish() {
        send(["event": ResultsFormat.Event.done.rawValue])
    }
}
