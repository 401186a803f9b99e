import ArgumentParser
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SamenStore
import SamenWeb

/// `samen demo --scale demo|large|F [--seed S]`: the demo installation, and at `large` (or a
/// factor such as 0.1) the large municipality of issue 16 in the demo organisation.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Fill an empty database with the demo, or with the large data set (--scale large).")
    @OptionGroup var database: DatabaseOptions
    @Option(help: "demo, large, or a factor of large (0.1, 1/10).") var scale = "demo"
    @Option(help: "Seed of the generator (the same seed gives the same data).") var seed: UInt64 = 16

    func run() async throws {
        guard let factor = LargeDemo.factor(scale) else { throw ValidationError("--scale takes demo, large or a factor such as 0.1") }
        var configuration = database.configuration()
        configuration.loadDemo = true
        let logger = Logger(label: "samen.demo")
        let db = try await Database.open(url: configuration.databaseURL, logger: logger)
        do {
            let start = Date()
            try await Migrations.run(on: db)
            if let factor {
                let report = try await LargeDemo.fill(database: db, configuration: configuration, factor: factor, seed: seed,
                                                      logger: logger) { print($0) }
                for (table, count) in report.rows { print("  \(table): \(count)") }
            } else {
                try await DemoData.loadIfEmpty(database: db, configuration: configuration, logger: logger)
            }
            print(String(format: "demo --scale %@ filled in %.1f s", scale, Date().timeIntervalSince(start)))
            await db.shutdown()
        } catch {
            await db.shutdown()
            throw ValidationError("\(error)")
        }
    }
}

extension BenchCommand {
    /// `samen bench pages`: every catalogue GET route at demo size, then at the larger size
    /// in the same database, in-process through the router.
    struct BenchPages: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pages", abstract: "Latency of every GET page and API route at demo size and at the large size.")
        @Option(help: "An EMPTY database (default: a temporary SQLite file).") var databaseURL: String?
        @Option(help: "demo, large, or a factor of large (0.1, 1/10).") var scale = "large"
        @Option(help: "Timed requests per route (after one warm-up).") var requests = 20
        @Option(help: "Seed of the generator.") var seed: UInt64 = 16
        @Option(help: "Only the routes whose pattern contains this text (repeat for more; default: every route).") var route: [String] = []

        func run() async throws {
            guard let factor = LargeDemo.factor(scale) else { throw ValidationError("--scale takes demo, large or a factor such as 0.1") }
            let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("samen-bench-pages-\(getpid()).sqlite").path
            let url = databaseURL ?? "sqlite://" + temporary
            defer { if databaseURL == nil { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: temporary + suffix) } } }
            var configuration = SamenConfiguration.fromEnvironment(ProcessInfo.processInfo.environment)
            configuration.databaseURL = url
            configuration.loadDemo = true
            for line in try await PageBenchRun.run(configuration: configuration, factor: factor, requests: requests, seed: seed,
                                                   routes: route, progress: { print($0) }) {
                print(line)
            }
        }
    }
}

/// The benchmark's two rounds on one database: the demo, then the large set added to it.
enum PageBenchRun {
    static func run(configuration: SamenConfiguration, factor: Double?, requests: Int, seed: UInt64, routes: [String] = [],
                    progress: @escaping @Sendable (String) -> Void) async throws -> [String] {
        var logger = Logger(label: "samen.bench")
        logger.logLevel = .warning
        let database = try await Database.open(url: configuration.databaseURL, logger: logger)
        do {
            try await Migrations.run(on: database)
            try await DemoData.loadIfEmpty(database: database, configuration: configuration, logger: logger)
            await ConversationResults(database: database, logger: logger).runDue()
            let demo = try await measure(database: database, configuration: configuration, requests: requests, routes: routes)
            progress("demo size: \(demo.count) routes measured")
            var large: [PageBench.Timing]?
            if let factor {
                let start = Date()
                _ = try await LargeDemo.fill(database: database, configuration: configuration, factor: factor, seed: seed,
                                             logger: logger, progress: progress)
                progress(String(format: "large set (factor %g) filled in %.1f s", factor, Date().timeIntervalSince(start)))
                large = try await measure(database: database, configuration: configuration, requests: requests, routes: routes)
            }
            await database.shutdown()
            return PageBench.report(demo: demo, large: large)
        } catch {
            await database.shutdown()
            throw error
        }
    }

    /// The router alone (no background services), so the map job cannot run between requests.
    static func measure(database: Database, configuration: SamenConfiguration, requests: Int,
                        routes: [String]) async throws -> [PageBench.Timing] {
        let router = try await buildRouter(database: database, configuration: configuration)
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              logger: Logger(label: "samen.bench.app"))
        return try await app.test(.router) { client in
            try await PageBench.measure(database: database, requests: requests, only: routes) { method, uri, headers, body in
                let response = try await client.execute(uri: uri, method: method, headers: headers, body: body)
                return (response.status, response.headers, response.body)
            }
        }
    }
}
