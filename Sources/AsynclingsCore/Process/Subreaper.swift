#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Makes the tutor the "child subreaper" of everything it starts (Linux): a process whose parent
/// dies is handed to the tutor instead of to init, so the process-group kill and reap after each
/// child catches it, and nothing a check started outlives the check. Elsewhere it does nothing.
public enum Subreaper {
    /// Becomes the subreaper; returns whether the system allowed it.
    @discardableResult
    public static func become() -> Bool {
        #if os(Linux)
        typealias Prctl = @convention(c) (Int32, UInt, UInt, UInt, UInt) -> Int32
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "prctl") else { return false }
        let setChildSubreaper: Int32 = 36
        return unsafeBitCast(symbol, to: Prctl.self)(setChildSubreaper, 1, 0, 0, 0) == 0
        #else
        return false
        #endif
    }
}
