// expect: fail concurrency resources
import Foundation
import InterviewKit
import Synchronization

// Intent: the actor replaces the queue and its barriers. Callers of one URL share one render
// Task, stored before the first await, so re-entrant callers find it; a failed render is
// removed, not cached. A cancelled caller stops waiting; the last one cancels the render.
// Swift concurrency already runs tasks on a small pool of threads, so the semaphore can go.

/// A cache of thumbnails that renders each URL once, with at most `maxConcurrentRenders` at a time.
actor ThumbnailCache {
    private enum Entry {
        case rendering(SharedRender, id: Int)
        case ready(Thumbnail)
    }

    private let renderer: any ThumbnailRenderer
    private var entries: [URL: Entry] = [:]
    private var nextRenderID = 0

    init(renderer: some ThumbnailRenderer, maxConcurrentRenders: Int) {
        self.renderer = renderer
    }

    /// The thumbnail of `url`: cached, shared with the render in progress, or rendered now.
    func thumbnail(for url: URL) async throws -> Thumbnail {
        switch entries[url] {
        case .ready(let thumbnail):
            return thumbnail
        case .rendering(let render, _) where !render.isCancelled:
            return try await render.value()
        case .rendering, nil:
            let id = nextRenderID
            nextRenderID += 1
            let render = SharedRender(Task { try await self.render(url, id: id) })
            entries[url] = .rendering(render, id: id)
            return try await render.value()
        }
    }

    private func render(_ url: URL, id: Int) async throws -> Thumbnail {
        do {
            let thumbnail = try await renderer.render(url)
            entries[url] = .ready(thumbnail)
            return thumbnail
        } catch {
            if case .rendering(_, id) = entries[url] { entries[url] = nil }
            throw error
        }
    }
}

/// One render shared by every caller of a URL, cancelled when all of them are.
private final class SharedRender: Sendable {
    private let task: Task<Thumbnail, any Error>
    private let waiting = Mutex(0)

    init(_ task: Task<Thumbnail, any Error>) {
        self.task = task
    }

    var isCancelled: Bool { task.isCancelled }

    func value() async throws -> Thumbnail {
        waiting.withLock { $0 += 1 }
        return try await withTaskCancellationHandler {
            try await task.value
        } onCancel: {
            let lastOne = waiting.withLock { count in
                count -= 1
                return count == 0
            }
            if lastOne { task.cancel() }
        }
    }
}
