// swift-tools-version: 6.1
// libFuzzer targets for the parsers that read untrusted text (scripts/fuzz builds and runs them).
// Built with `-sanitize=fuzzer -parse-as-library`: libFuzzer provides `main` and calls
// `LLVMFuzzerTestOneInput` with each input.
import PackageDescription

let package = Package(
    name: "UnderstudyFuzz",
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(name: "FuzzWorkspace", dependencies: [.product(name: "UnderstudyCore", package: "main")]),
        .executableTarget(name: "FuzzDatabaseURL", dependencies: [.product(name: "UnderstudyCore", package: "main")]),
    ]
)
