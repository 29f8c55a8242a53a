import Foundation
import InterviewKit

// Intent: a direct port of the legacy class. The actor replaces the concurrent queue and its
// barrier writes. The per-URL waiter lists stay, as checked continuations instead of
// completion handlers: every caller of a URL suspends in that URL's list, and one render per
// URL (started for the first caller) resumes them all, so callers arriving meanwhile share it
// whatever the re-entrancy. The DispatchSemaphore becomes free slots and a first-come-first-
// served line: a render waits for its slot suspended, without blocking a thread. A cancelled
// caller leaves its list at once with CancellationError; when a list empties, its render is
// cancelled, or taken out of the line before it ever starts. Failures are delivered, not cached.

/// A cache of thumbnails that renders each URL once, with at most `maxConcurrentRenders` at a time.
actor ThumbnailCache {
    /// A URL being rendered, and the callers waiting for it.
    private struct Pending {
        let id: Int
        let render: Task<Void, Never>
        var waiters: [Int: CheckedContinuation<Thumbnail, any Error>] = [:]
    }

    private let renderer: any ThumbnailRenderer
    private var cache: [URL: Thumbnail] = [:]
    private var pending: [URL: Pending] = [:]
    private var nextID = 0
    private var freeSlots: Int
    /// Renders waiting for a slot, in order; resumed with false when nobody wants them any more.
    private var line: [(render: Int, turn: CheckedContinuation<Bool, Never>)] = []

    init(renderer: some ThumbnailRenderer, maxConcurrentRenders: Int) {
        precondition(maxConcurrentRenders > 0, "at least one render must be allowed")
        self.renderer = renderer
        freeSlots = maxConcurrentRenders
    }

    /// The thumbnail of `url`: cached, or delivered by the one render of that URL.
    func thumbnail(for url: URL) async throws -> Thumbnail {
        if let cached = cache[url] { return cached }
        try Task.checkCancellation()
        let waiter = makeID()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                if pending[url] == nil {
                    let id = makeID()
                    pending[url] = Pending(id: id, render: Task { await self.render(url, id: id) })
                }
                pending[url]?.waiters[waiter] = continuation
            }
        } onCancel: {
            Task { await self.leave(url, waiter: waiter) }
        }
    }

    private func makeID() -> Int {
        defer { nextID += 1 }
        return nextID
    }

    /// Renders `url` in a slot and hands the outcome to every caller still waiting.
    private func render(_ url: URL, id: Int) async {
        guard await takeSlot(for: id) else { return }
        let result: Result<Thumbnail, any Error>
        do {
            result = .success(try await renderer.render(url))
        } catch {
            result = .failure(error)
        }
        giveBackSlot()
        guard let finished = pending[url], finished.id == id else { return }
        pending[url] = nil
        if case .success(let thumbnail) = result { cache[url] = thumbnail }
        for continuation in finished.waiters.values { continuation.resume(with: result) }
    }

    /// A cancelled caller stops waiting; the last one to leave calls the render off.
    private func leave(_ url: URL, waiter: Int) {
        guard let continuation = pending[url]?.waiters.removeValue(forKey: waiter) else { return }
        continuation.resume(throwing: CancellationError())
        guard let entry = pending[url], entry.waiters.isEmpty else { return }
        pending[url] = nil
        entry.render.cancel()
        if let index = line.firstIndex(where: { $0.render == entry.id }) {
            line.remove(at: index).turn.resume(returning: false)
        }
    }

    /// True once the render holds a slot; false if it was called off while in line.
    private func takeSlot(for render: Int) async -> Bool {
        if freeSlots > 0 && line.isEmpty {
            freeSlots -= 1
            return true
        }
        return await withCheckedContinuation { turn in
            line.append((render, turn))
        }
    }

    /// Hands the slot to the next render in line, or frees it.
    private func giveBackSlot() {
        if line.isEmpty {
            freeSlots += 1
        } else {
            line.removeFirst().turn.resume(returning: true)
        }
    }
}
