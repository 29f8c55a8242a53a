// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "asynclings",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "asynclings", targets: ["asynclings"]),
    ],
    targets: [
        // The learner-facing vocabulary every exercise file imports.
        .target(name: "InterviewKit"),
        // The results channel's contract, shared by the harness (writer) and the engine (reader).
        .target(name: "ResultsFormat"),
        // Test-only machinery: virtual time, the test executor, fakes, the results channel.
        .target(name: "InterviewHarness", dependencies: ["InterviewKit", "ResultsFormat"]),
        // The engine: catalog, check, report, review, progress, practice, interview.
        .target(name: "AsynclingsCore", dependencies: ["ResultsFormat"]),
        // The thin command-line entry point.
        .executableTarget(name: "asynclings", dependencies: ["AsynclingsCore"]),
        .testTarget(name: "AsynclingsTests", dependencies: ["AsynclingsCore", "InterviewHarness", "InterviewKit"]),
    ],
    swiftLanguageModes: [.v6]
)
