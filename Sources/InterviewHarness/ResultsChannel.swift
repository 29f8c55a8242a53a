#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Synchronization

/// The private channel from the test binary to the tutor: one sealed JSON object per line, appended
/// to a file the tutor created and named for this run. Nothing on stdout is ever read as a result.
public enum ResultsChannel {
    /// Environment variable naming the channel's file.
    public static let pathVariable = "ASYNCLINGS_RESULTS"
    /// Environment variable with the per-run secret that seals each line.
    public static let sealVariable = "ASYNCLINGS_SEAL"
    /// Environment variable with the child's memory limit in MiB.
    public static let memoryVariable = "ASYNCLINGS_MEMORY_MB"
    /// Environment variable with the limit on the child's output file in KiB.
    public static let outputVariable = "ASYNCLINGS_OUTPUT_KB"
    /// Environment variable with the tutor's process id; the child dies when the tutor does.
    public static let tutorVariable = "ASYNCLINGS_TUTOR_PID"
    /// Environment variable with the comma-separated tests to run; absent means all of them.
    public static let onlyVariable = "ASYNCLINGS_ONLY"

    private static let descriptor = Mutex<Int32>(-1)
    private static let currentTest = Mutex<String?>(nil)
    private static let seal = Mutex(ResultsSeal(secret: []))
    private static let selection = Mutex<Set<String>?>(nil)

    /// The tests the tutor asked for, or nil for the whole suite.
    static var selectedTests: Set<String>? { selection.withLock { $0 } }

    /// Opens the channel named by the environment, fences the process in, and wipes the
    /// variables (their text too, which /proc/self/environ would still show) so the code
    /// under test can neither find the channel nor forge a sealed line.
    public static func open() {
        let memory = take(memoryVariable).flatMap(Int.init)
        let output = take(outputVariable).flatMap(Int.init)
        let path = take(pathVariable)
        let secret = take(sealVariable).map { Array($0.utf8) } ?? []
        let tutor = take(tutorVariable).flatMap { pid_t($0) }
        selection.withLock { $0 = take(onlyVariable).map { Set($0.split(separator: ",").map(String.init)) } }
        seal.withLock { $0 = ResultsSeal(secret: secret) }
        if let path {
            let fd = Glibc.open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
            descriptor.withLock { $0 = fd }
            // Work in the run folder, so a file the answer writes by a relative path lands
            // there and is removed with it, never in the learner's workspace.
            _ = chdir(URL(fileURLWithPath: path).deletingLastPathComponent().path)
        }
        Containment.apply(memoryMB: memory, outputKB: output, tutor: tutor)
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
