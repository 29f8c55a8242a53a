#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Synchronization

/// The private channel from the test binary to the tutor: one JSON object per line, appended
/// to a file the tutor created and named for this run. Nothing on stdout is ever read as a result.
public enum ResultsChannel {
    /// Environment variable naming the channel's file.
    public static let pathVariable = "ASYNCLINGS_RESULTS"
    /// Environment variable with the child's memory limit in MiB.
    public static let memoryVariable = "ASYNCLINGS_MEMORY_MB"
    /// Environment variable with the limit on the child's output file in KiB.
    public static let outputVariable = "ASYNCLINGS_OUTPUT_KB"

    private static let descriptor = Mutex<Int32>(-1)
    private static let currentTest = Mutex<String?>(nil)

    /// Opens the channel named by the environment, applies the resource limits, and removes
    /// the variables so the code under test cannot find the channel through them.
    public static func open() {
        let environment = ProcessInfo.processInfo.environment
        signal(SIGXFSZ, SIG_IGN)
        if let megabytes = environment[memoryVariable].flatMap(Int.init) {
            limit(resource: Int32(RLIMIT_AS.rawValue), to: UInt64(megabytes) << 20)
        }
        if let kilobytes = environment[outputVariable].flatMap(Int.init) {
            limit(resource: Int32(RLIMIT_FSIZE.rawValue), to: UInt64(kilobytes) << 10)
        }
        if let path = environment[pathVariable] {
            let fd = Glibc.open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
            descriptor.withLock { $0 = fd }
        }
        for name in [pathVariable, memoryVariable, outputVariable] { unsetenv(name) }
    }

    private static func limit(resource: Int32, to bytes: UInt64) {
        var value = rlimit(rlim_cur: rlim_t(bytes), rlim_max: rlim_t(bytes))
        _ = setrlimit(__rlimit_resource_t(UInt32(resource)), &value)
    }

    /// Writes one event; without a channel (the binary run by hand) it goes to standard error.
    static func send(_ event: [String: Any]) {
        guard let data = try? JSONSerialization.data(withJSONObject: event, options: [.sortedKeys]) else { return }
        var line = data
        line.append(0x0A)
        let fd = descriptor.withLock { $0 }
        line.withUnsafeBytes { bytes in
            _ = write(fd >= 0 ? fd : 2, bytes.baseAddress, bytes.count)
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
        var event: [String: Any] = ["event": "latency", "seconds": elapsed.secondsValue]
        if let test = runningTest { event["test"] = test }
        if let requests { event["requests"] = requests }
        if let each { event["each_seconds"] = each.secondsValue }
        send(event)
    }

    /// Marks the end of a complete run; a run without it ended early.
    static func finish() {
        send(["event": "done"])
    }
}
