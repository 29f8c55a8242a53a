import Foundation
import InterviewKit

// Intent: two actors, no locks. `ThumbnailCache` replaces the queue and its barrier writes:
// it keeps the cache and one render Task per URL, stored before the first await, so callers
// that come in while it runs (re-entrancy) await that same Task instead of rendering again.
// `RenderSlots` replaces the DispatchSemaphore: a render suspends in its first-come-first-
// served line until a slot frees, without blocking a thread, and gets the freed slot at once.
// A failed render is forgotten, not cached. The cache counts the callers of each render; when
// the last one is cancelled, the render is cancelled too and leaves the line before starting.

/// A cache of thumbnails that renders each URL once, with at most `maxConcurrentRenders` at a time.
actor ThumbnailCache {
    private struct Render {
        let task: Task<Thumbnail, any Error>
        var callers: Int
    }

    private let renderer: any ThumbnailRenderer
    private let slots: RenderSlots
    private var cache: [URL: Thumbnail] = [:]
    private var renders: [URL: Render] = [:]

    init(renderer: some ThumbnailRenderer, maxConcurrentRenders: Int) {
        self.renderer = renderer
        slots = RenderSlots(maxConcurrentRenders)
    }

    /// The thumbnail of `url`: cached, shared with the render in progress, or rendered now.
    func thumbnail(for url: URL) async throws -> Thumbnail {
        if let cached = cache[url] { return cached }
        let task: Task<Thumbnail, any Error>
        if let running = renders[url], !running.task.isCancelled {
            task = running.task
            renders[url]?.callers += 1
        } else {
            let renderer = self.renderer, slots = self.slots
            task = Task { try await slots.run { try await renderer.render(url) } }
            renders[url] = Render(task: task, callers: 1)
        }
        defer { if renders[url]?.task == task { renders[url] = nil } }
        let thumbnail = try await withTaskCancellationHandler {
            try await task.value
        } onCancel: {
            Task { await self.callerCancelled(url, task) }
        }
        cache[url] = thumbnail
        return thumbnail
    }

    /// One caller gave up; when none is left, nobody needs the render.
    private func callerCancelled(_ url: URL, _ task: Task<Thumbnail, any Error>) {
        guard let render = renders[url], render.task == task else { return }
        renders[url]?.callers -= 1
        if render.callers == 1 { task.cancel() }
    }
}

/// At most `limit` bodies at once; the others wait their turn, suspended, in arrival order.
actor RenderSlots {
    private var free: Int
    private var line: [(ticket: Int, turn: CheckedContinuation<Void, any Error>)] = []
    private var nextTicket = 0

    init(_ limit: Int) {
        precondition(limit > 0, "at least one slot is needed")
        free = limit
    }

    /// Runs `body` in a slot; throws `CancellationError` if cancelled while waiting for one.
    func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        try await acquire()
        defer { release() }
        return try await body()
    }

    private func acquire() async throws {
        try Task.checkCancellation()
        if free > 0 && line.isEmpty {
            free -= 1
            return
        }
        let ticket = nextTicket
        nextTicket += 1
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { turn in
                line.append((ticket, turn))
            }
        } onCancel: {
            Task { await self.leave(ticket) }
        }
    }

    private func release() {
        if line.isEmpty {
            free += 1
        } else {
            line.removeFirst().turn.resume()
        }
    }

    private func leave(_ ticket: Int) {
        if let index = line.firstIndex(where: { $0.ticket == ticket }) {
            line.remove(at: index).turn.resume(throwing: CancellationError())
        }
    }
}
