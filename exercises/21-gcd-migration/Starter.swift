import Foundation
import InterviewKit

// Intent: (say in a sentence or two why your code has the shape it has)

// The class being migrated, as it shipped. Its renderer answered through a completion handler.
//
// final class LegacyThumbnailCache {
//     private let renderer: LegacyRenderer
//     private let queue = DispatchQueue(label: "thumbnails", attributes: .concurrent)
//     private let renderSlots: DispatchSemaphore
//     private var cache: [URL: Thumbnail] = [:]
//     private var waiters: [URL: [(Result<Thumbnail, Error>) -> Void]] = [:]
//
//     init(renderer: LegacyRenderer, maxConcurrentRenders: Int) {
//         self.renderer = renderer
//         renderSlots = DispatchSemaphore(value: maxConcurrentRenders)
//     }
//
//     func thumbnail(for url: URL, completion: @escaping (Result<Thumbnail, Error>) -> Void) {
//         if let cached = queue.sync(execute: { cache[url] }) {
//             return completion(.success(cached))
//         }
//         queue.async(flags: .barrier) {
//             let first = self.waiters[url] == nil
//             self.waiters[url, default: []].append(completion)
//             guard first else { return }          // a render of this URL is already on its way
//             DispatchQueue.global().async {
//                 self.renderSlots.wait()            // blocks this thread until a slot is free
//                 self.renderer.render(url) { result in
//                     self.renderSlots.signal()
//                     self.queue.async(flags: .barrier) {
//                         if case .success(let thumbnail) = result { self.cache[url] = thumbnail }
//                         let waiting = self.waiters.removeValue(forKey: url) ?? []
//                         waiting.forEach { $0(result) }
//                     }
//                 }
//             }
//         }
//     }
// }

/// A cache of thumbnails that renders each URL once, with at most `maxConcurrentRenders` at a time.
actor ThumbnailCache {
    private let renderer: any ThumbnailRenderer
    private let maxConcurrentRenders: Int
    private var cache: [URL: Thumbnail] = [:]

    init(renderer: some ThumbnailRenderer, maxConcurrentRenders: Int) {
        self.renderer = renderer
        self.maxConcurrentRenders = maxConcurrentRenders
    }

    /// The thumbnail of `url`, rendered on first use and cached.
    func thumbnail(for url: URL) async throws -> Thumbnail {
        // First port: the actor protects the dictionary, so the queue and its barriers are gone.
        // The semaphore and the waiter lists have not been ported yet.
        if let cached = cache[url] {
            return cached
        }
        let thumbnail = try await renderer.render(url)
        cache[url] = thumbnail
        return thumbnail
    }
}
