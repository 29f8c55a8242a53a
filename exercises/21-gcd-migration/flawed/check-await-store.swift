// expect: fail concurrency
import Foundation
import InterviewKit

// Intent: the actor replaces the queue and its barriers. The semaphore becomes a count of
// free slots and a first-come-first-served line of continuations, so waiting suspends and
// each freed slot goes to the next in line; a cancelled caller leaves the line at once.
// Each call checks the cache, renders in a slot, and stores the thumbnail.

/// A cache of thumbnails that renders each URL once, with at most `maxConcurrentRenders` at a time.
actor ThumbnailCache {
    private let renderer: any ThumbnailRenderer
    private var cache: [URL: Thumbnail] = [:]
    private var freeSlots: Int
    private var line: [(ticket: Int, turn: CheckedContinuation<Void, any Error>)] = []
    private var nextTicket = 0

    init(renderer: some ThumbnailRenderer, maxConcurrentRenders: Int) {
        self.renderer = renderer
        freeSlots = maxConcurrentRenders
    }

    /// The thumbnail of `url`, rendered on first use and cached.
    func thumbnail(for url: URL) async throws -> Thumbnail {
        if let cached = cache[url] { return cached }
        // Nothing records that this URL is being rendered: a caller arriving during the
        // awaits below finds the cache empty and renders it again.
        try await takeSlot()
        defer { giveBackSlot() }
        let thumbnail = try await renderer.render(url)
        cache[url] = thumbnail
        return thumbnail
    }

    private func takeSlot() async throws {
        try Task.checkCancellation()
        if freeSlots > 0 && line.isEmpty {
            freeSlots -= 1
            return
        }
        let ticket = nextTicket
        nextTicket += 1
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { turn in
                line.append((ticket, turn))
            }
        } onCancel: {
            Task { await self.leaveLine(ticket) }
        }
    }

    private func giveBackSlot() {
        if line.isEmpty {
            freeSlots += 1
        } else {
            line.removeFirst().turn.resume()
        }
    }

    private func leaveLine(_ ticket: Int) {
        if let index = line.firstIndex(where: { $0.ticket == ticket }) {
            line.remove(at: index).turn.resume(throwing: CancellationError())
        }
    }
}
