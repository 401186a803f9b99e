import Foundation
import Logging
import SQLKit

/// `samen backup` and `samen restore`: a native backup of each database (SQLite's
/// `VACUUM INTO`, a consistent copy while the server keeps writing, then an integrity check;
/// PostgreSQL's own `pg_dump`), or the portable JSON backup that restores into either.
public enum DatabaseBackup {
    public typealias Refusal = PortableBackup.Refusal

    public enum Kind: String, Sendable { case sqlite, pgDump = "pg_dump", portable }

    /// Writes a backup to `path` and says what it wrote.
    public static func backup(_ database: Database, url: String, to path: String, portable: Bool, logger: Logger) async throws -> String {
        if FileManager.default.fileExists(atPath: path) { throw Refusal(description: "\(path) exists already; choose a new file name.") }
        let start = Date()
        let kind: Kind
        if portable {
            try await PortableBackup.dump(database).write(to: URL(fileURLWithPath: path), options: .atomic)
            kind = .portable
        } else if database.kind == .sqlite {
            try await database.read { sql in try await sql.raw("VACUUM INTO \(bind: path)").run() }
            try await checkIntegrity(path: path, logger: logger)
            kind = .sqlite
        } else {
            try run(try tool("pg_dump"), ["--format=custom", "--no-owner", "--file", path, "--dbname", libpqURL(url)])
            kind = .pgDump
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        return "Backup (\(kind.rawValue)) written to \(path): \(size) bytes in \(String(format: "%.2f", Date().timeIntervalSince(start))) s."
    }

    /// `PRAGMA integrity_check` on a SQLite file: anything but `ok` is a damaged copy.
    static func checkIntegrity(path: String, logger: Logger) async throws {
        let copy = try Database.openSQLite(path: path, logger: logger, maxConnections: 1)
        let result = try await copy.read { sql in
            try await sql.raw("PRAGMA integrity_check").all().map { try $0.decode(column: "integrity_check", as: String.self) }
        }
        await copy.shutdown()
        guard result == ["ok"] else { throw Refusal(description: "The SQLite copy failed its integrity check: \(result.joined(separator: "; "))") }
    }

    /// What kind of backup a file is, from its first bytes; nil when it is none of Samen's.
    public static func kind(of path: String) -> Kind? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 64)) ?? Data()
        if head.starts(with: Data("SQLite format 3\0".utf8)) { return .sqlite }
        if head.starts(with: Data("PGDMP".utf8)) { return .pgDump }
        if String(decoding: head, as: UTF8.self).contains("\"format\"") || head.first == UInt8(ascii: "{") { return .portable }
        return nil
    }

    /// Restores `path` into the database. SQLite copies and portable backups go through the
    /// portable form (so either restores into either database); a `pg_dump` file needs PostgreSQL.
    public static func restore(_ database: Database, url: String, from path: String, force: Bool, logger: Logger) async throws -> String {
        guard FileManager.default.fileExists(atPath: path) else { throw Refusal(description: "There is no file \(path).") }
        switch kind(of: path) {
        case .portable:
            let document = try PortableBackup.read(try Data(contentsOf: URL(fileURLWithPath: path)))
            try await PortableBackup.restore(document, into: database, force: force)
            return "Restored \(document.tables.reduce(0) { $0 + $1.rows.count }) rows in \(document.tables.count) tables from \(path)."
        case .sqlite:
            try await checkIntegrity(path: path, logger: logger)
            let source = try Database.openSQLite(path: path, logger: logger, maxConnections: 1)
            let document: PortableBackup.Document
            do {
                document = try await PortableBackup.snapshot(source)
                await source.shutdown()
            } catch {
                await source.shutdown()
                throw error
            }
            try await PortableBackup.restore(document, into: database, force: force)
            return "Restored \(document.tables.reduce(0) { $0 + $1.rows.count }) rows in \(document.tables.count) tables from the SQLite copy \(path)."
        case .pgDump:
            guard database.kind == .postgres else {
                throw Refusal(description: "\(path) is a pg_dump file; it restores only into PostgreSQL. Use samen backup --portable to move between databases.")
            }
            let hasTables = try await database.read { sql in
                try await sql.raw("SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = current_schema()").first()?
                    .decode(column: "n", as: Int64.self) ?? 0
            }
            if hasTables > 0 && !force {
                throw Refusal(description: "The database is not empty (it has \(hasTables) tables). Restore into an empty database, or pass --force to replace it.")
            }
            try run(try tool("pg_restore"), (force ? ["--clean", "--if-exists"] : []) + ["--no-owner", "--single-transaction", "--exit-on-error", "--dbname", libpqURL(url), path])
            return "Restored the pg_dump file \(path)."
        case nil:
            throw Refusal(description: "\(path) is not a Samen backup (not a portable backup, SQLite copy or pg_dump file), or it is damaged.")
        }
    }

    /// The database URL as libpq reads it: PostgresKit's `tlsmode` is libpq's `sslmode`; other options are left out.
    static func libpqURL(_ url: String) -> String {
        guard var components = URLComponents(string: url) else { return url }
        if components.scheme != "postgresql" { components.scheme = "postgres" }
        let tls = components.queryItems?.first { $0.name == "tlsmode" || $0.name == "sslmode" }?.value
        components.queryItems = tls.map { [URLQueryItem(name: "sslmode", value: $0)] }
        return components.string ?? url
    }

    /// The path of a PostgreSQL tool: on PATH, or in Debian's /usr/lib/postgresql/*/bin.
    static func tool(_ name: String) throws -> String {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/\(name)" }
        let debian = ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []).sorted(by: >).map { "/usr/lib/postgresql/\($0)/bin/\(name)" }
        guard let found = (path + debian).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw Refusal(description: "\(name) is not installed (Debian: apt-get install postgresql-client). Or use samen backup --portable, which needs no tools.")
        }
        return found
    }

    /// Whether a PostgreSQL tool is installed (scheduled backups fall back to the portable form without `pg_dump`).
    public static func hasTool(_ name: String) -> Bool { (try? tool(name)) != nil }

    static func run(_ executable: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Refusal(description: "\((executable as NSString).lastPathComponent) failed: \(String(decoding: message, as: UTF8.self))")
        }
    }
}
