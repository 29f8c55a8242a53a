// expect: fail resources
import Foundation
import InterviewKit

// Intent: the actor replaces the queue and its barriers, and callers of one URL share one
// render Task, stored before the first await. The limit stays what it was in the legacy
// class: a DispatchSemaphore with one permit per slot, waited on before each render.

/// A cache of thumbnails that renders each URL once, with at most `maxConcurrentRenders` at a time.
actor ThumbnailCache {
    private let renderer: any ThumbnailRenderer
    private let renderSlots: DispatchSemaphore
    private var cache: [URL: Thumbnail] = [:]
    private var rendering: [URL: Task<Thumbnail, any Error>] = [:]

    init(renderer: some ThumbnailRenderer, maxConcurrentRenders: Int) {
        self.renderer = renderer
        renderSlots = DispatchSemaphore(value: maxConcurrentRenders)
    }

    /// The thumbnail of `url`: cached, shared with the render in progress, or rendered now.
    func thumbnail(for url: URL) async throws -> Thumbnail {
        if let cached = cache[url] { return cached }
        if let running = rendering[url] { return try await running.value }
        let renderer = self.renderer
        let slots = renderSlots
        let render = Task<Thumbnail, any Error> {
            // Blocks the thread until a slot frees; the render that would free it needs a thread too.
            slots.wait()
            defer { slots.signal() }
            return try await renderer.render(url)
        }
        rendering[url] = render
        defer { rendering[url] = nil }
        let thumbnail = try await render.value
        cache[url] = thumbnail
        return thumbnail
    }
}
