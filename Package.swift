// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Understudy",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "understudy", targets: ["understudy"]),
        .library(name: "UnderstudyCore", targets: ["UnderstudyCore"]),
        .library(name: "UnderstudySQLite", targets: ["UnderstudySQLite"]),
        .library(name: "UnderstudyPostgres", targets: ["UnderstudyPostgres"]),
        .library(name: "UnderstudyKit", targets: ["UnderstudyKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/attaswift/BigInt.git", from: "6.0.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
    ],
    targets: [
        // The system SQLite library (libsqlite3-dev); measured faster than the wrappers, see README.
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // libpq (libpq-dev), PostgreSQL's reference client, for the COPY paths.
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        // AES block functions of swift-crypto's BoringSSL, for FF1 and FF3-1 (see the header).
        .target(name: "CBoringAES"),
        .target(
            name: "UnderstudyCore",
            dependencies: [
                "CBoringAES",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "BigInt", package: "BigInt"),
            ],
            resources: [.copy("Resources/Dictionaries"), .copy("Resources/Models")]
        ),
        .target(
            name: "UnderstudySQLite",
            dependencies: ["UnderstudyCore", "CSQLite"]
        ),
        .target(
            name: "UnderstudyPostgres",
            dependencies: [
                "UnderstudyCore",
                "CLibPQ",
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        // What a job does around the pipeline, for every front end (the CLI now, the Studio next):
        // databases by URL, the drift policy and its findings, runs, the copy's schema check.
        .target(
            name: "UnderstudyKit",
            dependencies: ["UnderstudyCore", "UnderstudySQLite", "UnderstudyPostgres"]
        ),
        // The Studio: `understudy serve`, the JSON API under /api and its pages, on Hummingbird 2.
        .target(
            name: "UnderstudyStudio",
            dependencies: [
                "UnderstudyCore", "UnderstudySQLite", "UnderstudyKit", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            resources: [.copy("Assets")]
        ),
        .executableTarget(
            name: "understudy",
            dependencies: [
                "UnderstudyCore",
                "UnderstudySQLite",
                "UnderstudyPostgres",
                "UnderstudyKit",
                "UnderstudyStudio",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        // scripts/bench-generators: ns/value of every generator (release build).
        .executableTarget(name: "understudy-bench", dependencies: ["UnderstudyCore"]),
        // scripts/train-person-model: the person-name model's weights (Resources/Models/person.model).
        .executableTarget(name: "understudy-train", dependencies: ["UnderstudyCore"]),
        .testTarget(
            name: "UnderstudyCoreTests",
            dependencies: [
                "UnderstudyCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]),
        .testTarget(name: "UnderstudySQLiteTests", dependencies: ["UnderstudySQLite", "UnderstudyCore", "UnderstudyKit"]),
        .testTarget(
            name: "UnderstudyPostgresTests",
            dependencies: ["UnderstudyPostgres", "UnderstudySQLite", "UnderstudyCore", "UnderstudyKit", .product(name: "NIOCore", package: "swift-nio")]),
        .testTarget(
            name: "UnderstudyStudioTests",
            dependencies: ["UnderstudyStudio", "UnderstudyKit", "UnderstudyCore", "UnderstudySQLite", .product(name: "HummingbirdTesting", package: "hummingbird")]),
        .testTarget(
            name: "UnderstudyCLITests",
            dependencies: ["UnderstudyCore", "UnderstudySQLite"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
