#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The reference's run of an exercise's drawn test, cached as JSON in the exercise's suite
/// build folder, whose key already covers the toolchain, the harness, the suite and the stub;
/// the file's name adds the reference's and the drawn test's hash, so a changed reference or a
/// newly chosen test is run again.
struct BestRun {
    /// The cached file.
    let file: URL

    /// The cache entry for `reference` beside `suite`'s artefacts.
    init(suite: SuiteBuild.Artefacts, reference: String, test: String) {
        var hash = StableHash()
        hash.combine(reference)
        hash.combine([0])
        hash.combine(test)
        file = suite.folder.appendingPathComponent("best-\(hash.hex).json")
    }

    /// The cached run, if there is one.
    func load() -> Report.Timeline.Run? {
        guard let data = try? Data(contentsOf: file) else { return nil }
        return try? JSONDecoder().decode(Report.Timeline.Run.self, from: data)
    }

    /// Stores `run`, written aside and renamed so a reader never sees half of it.
    func store(_ run: Report.Timeline.Run) {
        guard let data = try? JSONEncoder().encode(run) else { return }
        let staging = file.deletingLastPathComponent().appendingPathComponent(".\(file.lastPathComponent).\(UUID().uuidString)")
        guard (try? data.write(to: staging)) != nil else { return }
        if rename(staging.path, file.path) != 0 { try? FileManager.default.removeItem(at: staging) }
    }
}
