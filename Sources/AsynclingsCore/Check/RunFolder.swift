import Foundation

/// A private temporary folder for one check (mode 0700, random name), removed afterwards.
struct RunFolder {
    /// The folder.
    let folder: URL

    /// Creates the folder under the system's temporary directory.
    init() throws(AsynclingsError) {
        let base = FileManager.default.temporaryDirectory
        folder = base.appendingPathComponent("asynclings-\(UInt64.random(in: 0...UInt64.max))")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .toolFailure("cannot create a temporary folder in \(base.path).", fix: "Free some disk space or set TMPDIR to a writable folder.")
        }
    }

    /// Deletes the folder and everything in it.
    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }
}
