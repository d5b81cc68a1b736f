// swift-tools-version: 6.1
// libFuzzer targets for the parsers that read untrusted text (scripts/fuzz builds and runs them).
// Built with `-sanitize=fuzzer -parse-as-library`: libFuzzer provides `main` and calls
// `LLVMFuzzerTestOneInput` with each input.
import Foundation
import PackageDescription

// A path dependency is identified by its folder's name, which is the checkout's (any name).
let understudy = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent.lowercased()

let package = Package(
    name: "UnderstudyFuzz",
    dependencies: [.package(path: "..")],
    targets: [
        .target(name: "FuzzDriver"),
        .executableTarget(name: "FuzzWorkspace", dependencies: ["FuzzDriver", .product(name: "UnderstudyCore", package: understudy)]),
        .executableTarget(name: "FuzzDatabaseURL", dependencies: ["FuzzDriver", .product(name: "UnderstudyCore", package: understudy)]),
        .executableTarget(name: "FuzzRedact", dependencies: ["FuzzDriver", .product(name: "UnderstudyCore", package: understudy)]),
    ]
)
