import Foundation

/// A private temporary folder for one check (mode 0700, named for this process), removed
/// afterwards, on an interruption, or by the next check if this process was killed outright.
struct RunFolder {
    /// The name every run folder starts with, followed by the owner's process id.
    static let prefix = "asynclings-run-"

    /// The folder.
    let folder: URL

    /// Creates the folder in `base` (the context's temporary folder), first removing the
    /// folders of tutors that were killed mid-check.
    init(in base: URL) throws(AsynclingsError) {
        AbandonedFolders.remove(in: base, prefix: Self.prefix)
        folder = base.appendingPathComponent(AbandonedFolders.name(prefix: Self.prefix))
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .toolFailure("cannot create a temporary folder in \(base.path).", fix: "Free some disk space or set TMPDIR to a writable folder.")
        }
        Interruption.track(folder: folder)
    }

    /// Deletes the folder and everything in it.
    func remove() {
        try? FileManager.default.removeItem(at: folder)
        Interruption.forget(folder: folder)
    }
}
