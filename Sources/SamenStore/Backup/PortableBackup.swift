import Crypto
import Foundation
import SQLKit

/// A database-neutral backup: every table's rows as JSON, with the schema version and a
/// SHA-256 per table, so one taken on SQLite restores into PostgreSQL and back. Rows are
/// sorted by their encoded form, so equal contents give equal hashes on either database.
public enum PortableBackup {
    public static let format = "samen-portable-backup"

    /// One cell. Columns are TEXT, BIGINT or DOUBLE PRECISION (a guard in the tests keeps it so).
    public enum Value: Codable, Sendable, Equatable {
        case text(String), integer(Int64), real(Double), null

        public init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() { self = .null } else if let i = try? c.decode(Int64.self) { self = .integer(i) } else if let d = try? c.decode(Double.self) {
                self = .real(d)
            } else { self = .text(try c.decode(String.self)) }
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .text(let s): try c.encode(s)
            case .integer(let i): try c.encode(i)
            case .real(let d): try c.encode(d)
            case .null: try c.encodeNil()
            }
        }
    }

    public enum ColumnType: String, Codable, Sendable { case text, integer, real }

    public struct Table: Codable, Sendable, Equatable {
        public var name: String
        public var columns: [String]
        public var types: [ColumnType]
        public var rows: [[Value]]
        public var sha256: String
    }

    public struct Document: Codable, Sendable {
        public var format: String
        public var schemaVersion: Int
        public var source: String
        public var createdAt: Int64
        public var tables: [Table]
    }

    /// Why a backup cannot be restored; nothing was changed when one of these is thrown.
    public struct Refusal: Error, CustomStringConvertible, Equatable {
        public let description: String

        public init(description: String) { self.description = description }
    }

    /// Every table Samen's migrations create, parents before children (the order they are first
    /// created in; a table a later migration rebuilds under its own name counts once).
    public static var tableNames: [String] {
        let pattern = /CREATE TABLE (?:IF NOT EXISTS )?([a-z_]+)/
        var seen = Set<String>()
        return Migrations.all.flatMap { $0.statements(.postgres) }.compactMap { statement in
            (try? pattern.firstMatch(in: statement)).map { String($0.output.1) }
        }.filter { seen.insert($0).inserted }
    }

    /// Tables whose key PostgreSQL numbers itself: after rows are restored with their own keys,
    /// the numbering must go on after the highest, or the next insert would reuse one.
    static let numberedTables = ["survey_responses"]

    static func hash(_ rows: [[Value]]) throws -> String {
        SHA256.hash(data: try JSONEncoder().encode(rows)).map { String(format: "%02x", $0) }.joined()
    }

    // MARK: dump

    static func columns(sql: any SQLDatabase, kind: DatabaseKind, table: String) async throws -> [(String, ColumnType)] {
        func type(_ declared: String) -> ColumnType {
            let upper = declared.uppercased()
            if upper.contains("INT") { return .integer }
            if upper.contains("DOUBLE") || upper.contains("REAL") || upper.contains("FLOAT") || upper.contains("NUMERIC") { return .real }
            return .text
        }
        switch kind {
        case .sqlite:
            return try await sql.raw("SELECT name, type FROM pragma_table_info(\(bind: table)) ORDER BY cid").all().map {
                (try $0.decode(column: "name", as: String.self), type(try $0.decode(column: "type", as: String.self)))
            }
        case .postgres:
            return try await sql.raw("""
                SELECT column_name::text AS name, data_type::text AS type FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = \(bind: table) ORDER BY ordinal_position
                """).all().map { (try $0.decode(column: "name", as: String.self), type(try $0.decode(column: "type", as: String.self))) }
        }
    }

    static func value(_ row: any SQLRow, _ column: String, _ type: ColumnType) throws -> Value {
        if try row.decodeNil(column: column) { return .null }
        switch type {
        case .text: return .text(try row.decode(column: column, as: String.self))
        case .integer: return .integer(try row.decode(column: column, as: Int64.self))
        case .real: return .real(try row.decode(column: column, as: Double.self))
        }
    }

    /// Reads every table in one read transaction (a consistent view while the server keeps writing).
    public static func snapshot(_ database: Database) async throws -> Document {
        let version = try await Migrations.appliedVersions(on: database).max() ?? 0
        let tables = try await database.read { sql in
            try await sql.raw(database.kind == .sqlite ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY").run()
            do {
                var tables: [Table] = []
                for name in tableNames {
                    let columns = try await columns(sql: sql, kind: database.kind, table: name)
                    let list = SQLQueryString(columns.map { "\"\($0.0)\"" }.joined(separator: ", "))
                    let rows = try await sql.raw("SELECT \(list) FROM \(ident: name)").all().map { row in
                        try columns.map { try value(row, $0.0, $0.1) }
                    }
                    let encoder = JSONEncoder()
                    let sorted = try rows.map { (try encoder.encode($0), $0) }.sorted { $0.0.lexicographicallyPrecedes($1.0) }.map(\.1)
                    tables.append(Table(name: name, columns: columns.map(\.0), types: columns.map(\.1), rows: sorted, sha256: try hash(sorted)))
                }
                try await sql.raw("COMMIT").run()
                return tables
            } catch {
                try? await sql.raw("ROLLBACK").run()
                throw error
            }
        }
        return Document(format: format, schemaVersion: version, source: database.kind.rawValue, createdAt: Clock.now(), tables: tables)
    }

    public static func dump(_ database: Database) async throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(try await snapshot(database))
    }

    // MARK: restore

    /// Parses and checks a backup (format, every table's hash) before anything is written.
    public static func read(_ data: Data) throws -> Document {
        guard let document = try? JSONDecoder().decode(Document.self, from: data), document.format == format else {
            throw Refusal(description: "This file is not a Samen portable backup, or it is damaged (it cannot be read as one).")
        }
        for table in document.tables {
            guard table.columns.count == table.types.count, table.rows.allSatisfy({ $0.count == table.columns.count }),
                  (try? hash(table.rows)) == table.sha256 else {
                throw Refusal(description: "The backup is damaged: table \(table.name) does not match its checksum.")
            }
        }
        return document
    }

    /// Restores a backup into a migrated database of either kind, in one transaction. A
    /// database that already holds organisations or accounts is refused unless `force`.
    public static func restore(_ document: Document, into database: Database, force: Bool) async throws {
        try await Migrations.run(on: database)
        let version = try await Migrations.appliedVersions(on: database).max() ?? 0
        guard document.schemaVersion == version else {
            throw Refusal(description: "The backup has schema version \(document.schemaVersion); this Samen has \(version). Restore it with the Samen version that made it.")
        }
        let known = Set(tableNames)
        if let unknown = document.tables.first(where: { !known.contains($0.name) }) {
            throw Refusal(description: "The backup has a table this Samen does not know: \(unknown.name).")
        }
        let byName = Dictionary(document.tables.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        try await database.transaction { sql in
            if !force {
                for table in ["organisations", "users"] {
                    let count = try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()?.decode(column: "n", as: Int64.self) ?? 0
                    if count > 0 {
                        throw Refusal(description: "The database is not empty (\(table) has \(count) rows). Restore into an empty database, or pass --force to replace everything in it.")
                    }
                }
            }
            for name in tableNames.reversed() { try await sql.raw("DELETE FROM \(ident: name)").run() }
            for name in tableNames {
                guard let table = byName[name], !table.rows.isEmpty else { continue }
                try await insert(table, sql: sql)
            }
            if database.kind == .postgres {
                for name in numberedTables {
                    try await sql.raw("SELECT setval(pg_get_serial_sequence(\(bind: name), 'id'), COALESCE(MAX(id), 0) + 1, false) FROM \(ident: name)").run()
                }
            }
        }
    }

    static func insert(_ table: Table, sql: any SQLDatabase) async throws {
        // Stay well under SQLite's 32766 and PostgreSQL's 65535 bound parameters per statement.
        let batch = max(1, 20_000 / max(1, table.columns.count))
        var start = 0
        while start < table.rows.count {
            let rows = table.rows[start..<min(start + batch, table.rows.count)]
            var insert = sql.insert(into: table.name).columns(table.columns)
            for row in rows { insert = insert.values(zip(row, table.types).map { bindable($0, $1) }) }
            try await insert.run()
            start += batch
        }
    }

    /// A cell bound as its column's type (a real written as `2` reads back as an integer).
    static func bindable(_ value: Value, _ type: ColumnType) -> any SQLExpression {
        switch (value, type) {
        case (.null, _): return SQLLiteral.null
        case (.integer(let i), .real): return SQLBind(Double(i))
        case (.integer(let i), _): return SQLBind(i)
        case (.real(let d), _): return SQLBind(d)
        case (.text(let s), _): return SQLBind(s)
        }
    }
}
