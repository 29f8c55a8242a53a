// expect: fail concurrency
import Foundation
import InterviewKit
import Synchronization

// Intent: the actor replaces the queue and its barriers. Callers of one URL share one render
// Task, stored before the first await (re-entrancy), and a failed render is not cached. The
// semaphore becomes batches of slots: up to the limit render together, the callers in line
// suspend, and when the batch is done the next one starts. A cancelled caller leaves the line.

/// A cache of thumbnails that renders each URL once, with at most `maxConcurrentRenders` at a time.
actor ThumbnailCache {
    private enum Entry {
        /// Rendering (or waiting for a slot); every caller of the URL awaits this render.
        case rendering(SharedRender, id: Int)
        /// Rendered and cached.
        case ready(Thumbnail)
    }

    private let renderer: any ThumbnailRenderer
    private var entries: [URL: Entry] = [:]
    private let limit: Int
    /// Renders holding a slot.
    private var busy = 0
    /// Renders waiting for a slot, first come first served, by ticket.
    private var line: [(ticket: Int, turn: CheckedContinuation<Void, any Error>)] = []
    private var nextTicket = 0
    private var nextRenderID = 0

    init(renderer: some ThumbnailRenderer, maxConcurrentRenders: Int) {
        precondition(maxConcurrentRenders > 0, "at least one render must be allowed")
        self.renderer = renderer
        limit = maxConcurrentRenders
    }

    /// The thumbnail of `url`: from the cache, from the render already running, or from a new render.
    func thumbnail(for url: URL) async throws -> Thumbnail {
        switch entries[url] {
        case .ready(let thumbnail):
            return thumbnail
        case .rendering(let render, _) where !render.isCancelled:
            return try await render.value()
        case .rendering, nil:
            // Recorded before any `await`, so callers arriving meanwhile share this render.
            let id = nextRenderID
            nextRenderID += 1
            let render = SharedRender(Task { try await self.renderInSlot(url, id: id) })
            entries[url] = .rendering(render, id: id)
            return try await render.value()
        }
    }

    /// Waits for a slot, renders, and records the outcome; runs once per URL in its shared Task.
    private func renderInSlot(_ url: URL, id: Int) async throws -> Thumbnail {
        do {
            try await takeSlot()
            defer { giveBackSlot() }
            let thumbnail = try await renderer.render(url)
            entries[url] = .ready(thumbnail)
            return thumbnail
        } catch {
            // Not cached: the next caller renders again (unless a newer render took its place).
            if case .rendering(_, id) = entries[url] { entries[url] = nil }
            throw error
        }
    }

    /// Returns when a slot is ours; throws `CancellationError` if the render is cancelled first.
    private func takeSlot() async throws {
        try Task.checkCancellation()
        if busy < limit && line.isEmpty {
            busy += 1
            return
        }
        let ticket = nextTicket
        nextTicket += 1
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { turn in
                line.append((ticket, turn))
            }
        } onCancel: {
            // The handler runs outside the actor: hop on to leave the line.
            Task { await self.leaveLine(ticket) }
        }
    }

    /// Frees a slot; when every slot is free, the next batch of renders in line starts.
    private func giveBackSlot() {
        busy -= 1
        // Start the next batch once the whole current batch is done.
        guard busy == 0 else { return }
        while busy < limit && !line.isEmpty {
            busy += 1
            line.removeFirst().turn.resume()
        }
    }

    /// Wakes a cancelled render with `CancellationError`, if it is still in line.
    private func leaveLine(_ ticket: Int) {
        if let index = line.firstIndex(where: { $0.ticket == ticket }) {
            line.remove(at: index).turn.resume(throwing: CancellationError())
        }
    }
}

/// One render shared by every caller of a URL. It is cancelled only when all of them are.
private final class SharedRender: Sendable {
    private let task: Task<Thumbnail, any Error>
    /// Callers still waiting for the render.
    private let waiting = Mutex(0)

    init(_ task: Task<Thumbnail, any Error>) {
        self.task = task
    }

    /// Whether every caller gave up on it; a new caller then starts a fresh render.
    var isCancelled: Bool { task.isCancelled }

    /// Waits for the render; when every caller waiting for it is cancelled, so is the render.
    func value() async throws -> Thumbnail {
        waiting.withLock { $0 += 1 }
        return try await withTaskCancellationHandler {
            try await task.value
        } onCancel: {
            // The last caller to give up cancels the render; the others keep it alive.
            let lastOne = waiting.withLock { count in
                count -= 1
                return count == 0
            }
            if lastOne { task.cancel() }
        }
    }
}
