import Foundation
import Logging
import SamenCore
import SamenStore
import SQLKit

/// `samen demo --scale`: the demo installation, then (unless the scale is `demo`) the large
/// data set of issue 16 in the demo organisation, so the demo accounts see it, and the
/// opinion maps of its conversations computed as the server would.
public enum LargeDemo {
    public static let organisationSlug = "gemeente-voorbeeld"

    /// `demo` → nil (the demo only), `large` → 1, or a factor such as `0.1` or `1/10`.
    public static func factor(_ scale: String) -> Double?? {
        switch scale {
        case "demo": return .some(nil)
        case "large": return 1
        default:
            let parts = scale.split(separator: "/")
            if parts.count == 2, let top = Double(parts[0]), let bottom = Double(parts[1]), bottom > 0 { return top / bottom }
            if let value = Double(scale), value > 0 { return value }
            return nil
        }
    }

    public struct AlreadyFilled: Error, CustomStringConvertible {
        public var description: String { "The database already holds the large data set; start from an empty database." }
    }

    /// Loads the demo when the database is empty, then the large set at `factor`.
    public static func fill(database: Database, configuration: SamenConfiguration, factor: Double, seed: UInt64,
                            logger: Logger, progress: @escaping @Sendable (String) -> Void = { _ in })
        async throws -> LargeDataGenerator.Report {
        try await Migrations.run(on: database)
        try await DemoData.loadIfEmpty(database: database, configuration: configuration, logger: logger)
        let found = try await database.read { sql in
            try await sql.raw("SELECT id FROM organisations WHERE slug = \(bind: organisationSlug)").first()?
                .decode(column: "id", as: String.self)
        }
        guard let organisationID = found else { throw SamenError.notFound }
        let filled = try await database.read { sql in
            try await sql.raw("SELECT id FROM organisations WHERE slug = \(bind: "groot-1")").first() != nil
        }
        guard !filled else { throw AlreadyFilled() }
        let generator = LargeDataGenerator(database: database, shape: .scaled(factor), seed: seed)
        var report = try await generator.fill(organisationID: organisationID, progress: progress)
        let start = Date()
        let results = ConversationResults(database: database, logger: logger)
        await results.runDue(limit: 1_000)
        // A running server's own worker may have claimed some of the maps: wait until it has
        // stored them too (bounded), so the set is complete when this returns.
        let jobs = JobStore(database: database)
        while (try? await jobs.count(kind: JobStore.recomputeConversation)) ?? 0 > 0, Date().timeIntervalSince(start) < 600 {
            try await Task.sleep(for: .milliseconds(200))
            await results.runDue(limit: 1_000)
        }
        let seconds = Date().timeIntervalSince(start)
        report.seconds.append(("opinion maps", seconds))
        progress("opinion maps: \(String(format: "%.1f", seconds)) s")
        return report
    }
}
