#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Reads and writes the workspace state: under an exclusive lock, written atomically
/// (temporary file, then rename). An unreadable state file is set aside, never deleted; values
/// out of range are clamped or dropped and reported once; temporary files that an interrupted
/// save left behind are removed. Reading where the tutor never wrote creates nothing.
public struct StateStore: Sendable {
    /// `practice/.asynclings`.
    public let folder: URL
    /// Told once when an unreadable state file was set aside.
    public let warn: @Sendable (String) -> Void
    /// The current time (the context's clock): the latest time a state file may hold, and the
    /// stamp of a set-aside file.
    public let now: @Sendable () -> Date

    /// Creates a store for the workspace's hidden folder.
    public init(folder: URL, warn: @escaping @Sendable (String) -> Void, now: @escaping @Sendable () -> Date) {
        self.folder = folder
        self.warn = warn
        self.now = now
    }

    private var file: URL { folder.appendingPathComponent("state.json") }

    /// The current state (fresh if there is none yet). Where the tutor's folder does not exist
    /// nothing is created; in a workspace the tutor cannot write, the file is only read, without
    /// the lock, and nothing is set aside. (A state file whose values had to be repaired is saved
    /// repaired, so the repair is reported once.)
    public func load() -> ProgressState {
        guard FileManager.default.fileExists(atPath: folder.path) else { return ProgressState() }
        if let state = try? update({ _ in }) { return state }
        guard let data = try? Data(contentsOf: file), let (state, _) = decode(data) else { return ProgressState() }
        return state
    }

    /// The state in `data` with every value checked (see `ProgressState.repair`), and the notes
    /// on what was changed; nil when it is not a state file of format 1.
    func decode(_ data: Data) -> (ProgressState, [String])? {
        let notes = StateNotes()
        let decoder = JSONDecoder()
        decoder.userInfo[StateNotes.key] = notes
        guard var state = try? decoder.decode(ProgressState.self, from: data), state.formatVersion == 1 else { return nil }
        let repaired = state.repair()
        return (state, notes.all + repaired)
    }

    /// Reads, changes and writes the state as one step that no other tutor can interleave with.
    @discardableResult
    public func update(_ change: (inout ProgressState) throws(AsynclingsError) -> Void) throws(AsynclingsError) -> ProgressState {
        let visitedBefore = FileManager.default.fileExists(atPath: folder.path)
        try ensureFolder()
        let lock = open(folder.appendingPathComponent("lock").path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard lock >= 0 else {
            throw .toolFailure("cannot open the lock file in \(folder.path).", fix: "Make the workspace writable, or choose another with --workspace.")
        }
        defer { close(lock) }
        while flock(lock, LOCK_EX) != 0 && errno == EINTR {}
        AbandonedFolders.remove(in: folder, prefix: Self.temporaryPrefix)
        var (state, repaired) = read(visitedBefore: visitedBefore)
        let before = state
        try change(&state)
        if repaired || state != before || !FileManager.default.fileExists(atPath: file.path) {
            try write(state)
        }
        return state
    }

    private func ensureFolder() throws(AsynclingsError) {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .toolFailure("cannot create \(folder.path).", fix: "Make the workspace folder writable, or choose another with --workspace DIR.")
        }
    }

    /// What a temporary file of a save is called, before the saving process's id.
    static let temporaryPrefix = "state.json.tmp-"

    /// The state on disk, and whether its values had to be repaired (it is then saved at once,
    /// so the repair is reported once). `visitedBefore`: the tutor's folder existed before this
    /// call, so a missing state file there was lost rather than never written.
    private func read(visitedBefore: Bool) -> (ProgressState, repaired: Bool) {
        guard let data = try? Data(contentsOf: file) else {
            let workspace = folder.deletingLastPathComponent()
            let files = (try? FileManager.default.contentsOfDirectory(atPath: workspace.path)) ?? []
            if visitedBefore, !FileManager.default.fileExists(atPath: file.path), files.contains(where: { $0.hasSuffix(".swift") }) {
                warn("note: no progress file was found at \(file.path), although \(workspace.lastPathComponent)/ has exercise files; a fresh one was started (your files are untouched).")
            }
            return (ProgressState(), false)
        }
        if let (state, notes) = decode(data) {
            if !notes.isEmpty {
                let shown = notes.prefix(5).joined(separator: "; ") + (notes.count > 5 ? "; and \(notes.count - 5) more" : "")
                warn("note: the progress file \(file.path) held values the tutor never writes, so they were not used: \(shown).")
            }
            return (state, !notes.isEmpty)
        }
        let aside = Workspace.unused(folder.appendingPathComponent("state.unreadable-\(Int(now().timeIntervalSince1970)).json"))
        do {
            try FileManager.default.moveItem(at: file, to: aside)
        } catch {
            warn("note: the progress file \(file.path) could not be read, nor set aside; progress is not saved until it is moved or fixed.")
            return (ProgressState(), false)
        }
        warn("note: the progress file \(file.path) could not be read; it was kept as \(aside.lastPathComponent) and a fresh one was started.")
        return (ProgressState(), false)
    }

    private func write(_ state: ProgressState) throws(AsynclingsError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let temporary = folder.appendingPathComponent("\(Self.temporaryPrefix)\(getpid())")
        do {
            try encoder.encode(state).write(to: temporary)
            guard rename(temporary.path, file.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw .toolFailure("cannot save progress in \(folder.path).", fix: "Make the workspace writable (or free disk space), or choose another with --workspace DIR.")
        }
    }
}
