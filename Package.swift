// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

// The SROI draw loop's square roots: Swift's `squareRoot()` on Linux goes through a C shim
// that keeps C's `errno` rule, which makes the compiler take each lane's root on its own
// (with a library call for negative input) instead of one vector instruction; the loop never
// reads `errno`. The AVX2 build of the loop (`SamenSROIKernelV3`) also gets x86-64-v3.
let kernelMath: [SwiftSetting] = [.unsafeFlags(["-Xcc", "-fno-math-errno"])]
#if arch(x86_64)
let kernelV3: [SwiftSetting] = [.unsafeFlags(["-Xcc", "-fno-math-errno", "-Xcc", "-march=x86-64-v3"])]
#else
let kernelV3: [SwiftSetting] = kernelMath
#endif

let package = Package(
    name: "Samen",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "samen", targets: ["samen"]),
        .library(name: "SamenCore", targets: ["SamenCore"]),
        .library(name: "SamenAnalytics", targets: ["SamenAnalytics"]),
        .library(name: "SamenStore", targets: ["SamenStore"]),
        .library(name: "SamenWeb", targets: ["SamenWeb"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
    ],
    targets: [
        .target(name: "SamenCore", swiftSettings: strict),
        .target(
            name: "SamenAnalytics", dependencies: ["SamenSROIKernel", "SamenSROIKernelV3", "CSamenCPU"],
            swiftSettings: strict + kernelMath
        ),
        .target(name: "SamenSROIKernel", swiftSettings: strict + kernelMath),
        .target(name: "SamenSROIKernelV3", dependencies: ["SamenSROIKernel"], swiftSettings: strict + kernelV3),
        .target(name: "CSamenCPU"),
        .target(
            name: "SamenStore",
            dependencies: [
                "SamenCore",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "SamenWeb",
            dependencies: [
                "SamenCore", "SamenStore", "SamenAnalytics",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: strict
        ),
        // Shared by the test targets: throwaway databases (SQLite files, PostgreSQL databases).
        .target(
            name: "SamenTestSupport",
            dependencies: ["SamenStore", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "samen",
            dependencies: [
                "SamenWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                // The page benchmark drives the router in-process, as the web tests do.
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "SamenCoreTests", dependencies: ["SamenCore"], resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(
            name: "SamenAnalyticsTests",
            dependencies: ["SamenAnalytics"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(name: "SamenStoreTests", dependencies: ["SamenStore", "SamenCore", "SamenTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "SamenWebTests",
            dependencies: [
                "SamenWeb", "SamenStore", "SamenCore", "SamenTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
