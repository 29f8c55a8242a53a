import Foundation

/// A rendered thumbnail of the image at a URL (exercise `gcd-migration`).
public struct Thumbnail: Sendable, Equatable {
    /// The image it was rendered from.
    public let url: URL
    /// The rendered pixels.
    public let bytes: Data
    /// Creates a thumbnail.
    public init(url: URL, bytes: Data) {
        self.url = url
        self.bytes = bytes
    }
}

/// Renders thumbnails: slow work, and only a few renders may run at once.
public protocol ThumbnailRenderer: Sendable {
    /// Renders the thumbnail of the image at `url`, or throws why it could not.
    func render(_ url: URL) async throws -> Thumbnail
}
