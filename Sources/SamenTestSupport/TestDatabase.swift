import Foundation
import Logging
import SamenStore

/// A throwaway database for one test: a fresh SQLite file, or a fresh PostgreSQL
/// database on the server that `SAMEN_TEST_POSTGRES_URL` names (the test script starts one).
public enum TestDatabase {
    /// The kinds to run a contract test on: SQLite always, PostgreSQL when configured.
    public static var kinds: [DatabaseKind] {
        postgresURL == nil ? [.sqlite] : [.sqlite, .postgres]
    }

    public static var postgresURL: String? {
        ProcessInfo.processInfo.environment["SAMEN_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    static let logger = Logger(label: "samen.test")

    /// A URL for a new, empty database of the kind.
    public static func makeURL(_ kind: DatabaseKind) async throws -> String {
        switch kind {
        case .sqlite:
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("samen-test-\(UUID().uuidString)")
            return "sqlite://" + dir.appendingPathComponent("samen.sqlite").path
        case .postgres:
            guard let base = postgresURL else { throw MissingPostgres() }
            let name = "samen_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
            let admin = try await Database.open(url: base, logger: logger, maxConnections: 1)
            do {
                try await admin.read { sql in try await sql.raw("CREATE DATABASE \(unsafeRaw: name)").run() }
            } catch {
                await admin.shutdown()
                throw error
            }
            await admin.shutdown()
            return replacingDatabase(in: base, with: name)
        }
    }

    /// Opens a new empty, migrated database, runs `body`, and closes (and for PostgreSQL drops) it.
    public static func with<T: Sendable>(_ kind: DatabaseKind, migrate: Bool = true,
                                         _ body: (Database, String) async throws -> T) async throws -> T {
        let url = try await makeURL(kind)
        let database = try await Database.open(url: url, logger: logger)
        do {
            if migrate { try await Migrations.run(on: database) }
            let result = try await body(database, url)
            await database.shutdown()
            await drop(url: url, kind: kind)
            return result
        } catch {
            await database.shutdown()
            await drop(url: url, kind: kind)
            throw error
        }
    }

    public static func drop(url: String, kind: DatabaseKind) async {
        switch kind {
        case .sqlite:
            let path = String(url.dropFirst("sqlite://".count))
            try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
        case .postgres:
            guard let base = postgresURL, let name = URL(string: url)?.path.dropFirst() else { return }
            guard let admin = try? await Database.open(url: base, logger: logger, maxConnections: 1) else { return }
            try? await admin.read { sql in try await sql.raw("DROP DATABASE IF EXISTS \(unsafeRaw: String(name)) WITH (FORCE)").run() }
            await admin.shutdown()
        }
    }

    static func replacingDatabase(in url: String, with name: String) -> String {
        guard var components = URLComponents(string: url) else { return url }
        components.path = "/" + name
        return components.string ?? url
    }

    public struct MissingPostgres: Error {}
}
