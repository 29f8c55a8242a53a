#if os(Linux)
import Glibc

/// Drops every capability of the test binary. A tutor run as root would otherwise hand root's
/// powers (reading kernel memory, overriding file modes, raising limits) to the code under test.
enum Capabilities {
    private typealias Capset = @convention(c) (UnsafeRawPointer, UnsafeRawPointer) -> Int32

    /// `capset` from the C library, reached by name: its header is not part of Glibc's module.
    private static let capset: Capset? = {
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "capset") else { return nil }
        return unsafeBitCast(symbol, to: Capset.self)
    }()

    /// Clears the effective, permitted and inheritable sets (the ambient set follows); true when
    /// the process holds no capability afterwards.
    static func dropAll() -> Bool {
        guard let capset else { return false }
        // struct __user_cap_header_struct { u32 version (3); int pid (0: this thread) }, then
        // two __user_cap_data_struct { u32 effective, permitted, inheritable } of zeros.
        let header: [UInt32] = [0x2008_0522, 0]
        let data = [UInt32](repeating: 0, count: 6)
        return header.withUnsafeBytes { headerBytes in
            data.withUnsafeBytes { dataBytes in capset(headerBytes.baseAddress!, dataBytes.baseAddress!) == 0 }
        }
    }
}
#endif
