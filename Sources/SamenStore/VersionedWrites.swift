import SamenCore
import SQLKit

/// Updates and deletes that name the row version they read. Both databases support
/// `RETURNING`, so the version check and the write are one statement; when nothing
/// matched, a second look tells a stale version (409/412) from a missing record (404).
enum VersionedWrites {
    /// Runs `UPDATE table SET … , row_version = row_version + 1` on the one row that `key`
    /// and `owned` select, if its version is `expected` (any version when nil); returns the new version.
    static func update(sql: any SQLDatabase, table: String, key: SQLQueryString, owned: SQLQueryString, set: SQLQueryString,
                       expected: Int?) async throws -> Int {
        let check: SQLQueryString = expected.map { "AND row_version = \(bind: $0)" } ?? ""
        if let row = try await sql.raw("""
            UPDATE \(unsafeRaw: table) SET \(set), row_version = row_version + 1 WHERE \(key) AND \(owned) \(check) RETURNING row_version
            """).first() {
            return try row.decode(column: "row_version", as: Int.self)
        }
        throw try await missingOrStale(sql: sql, table: table, key: key, owned: owned)
    }

    /// Deletes the one row, if its version is `expected` (any version when nil).
    static func delete(sql: any SQLDatabase, table: String, key: SQLQueryString, owned: SQLQueryString, expected: Int?) async throws {
        let check: SQLQueryString = expected.map { "AND row_version = \(bind: $0)" } ?? ""
        if try await sql.raw("DELETE FROM \(unsafeRaw: table) WHERE \(key) AND \(owned) \(check) RETURNING row_version").first() != nil {
            return
        }
        throw try await missingOrStale(sql: sql, table: table, key: key, owned: owned)
    }

    private static func missingOrStale(sql: any SQLDatabase, table: String, key: SQLQueryString, owned: SQLQueryString) async throws -> SamenError {
        let exists = try await sql.raw("SELECT row_version FROM \(unsafeRaw: table) WHERE \(key) AND \(owned)").first()
        return exists == nil ? SamenError.notFound : SamenError.stale
    }

    /// How many rows of a table match: for the "what goes with it" list of a delete.
    static func count(sql: any SQLDatabase, _ query: SQLQueryString) async throws -> Int {
        try await sql.raw("SELECT COUNT(*) AS n FROM \(query)").first()?.decode(column: "n", as: Int.self) ?? 0
    }
}

extension Versioned {
    /// The value with the row's `row_version`.
    func versioned(_ row: any SQLRow) throws -> Self {
        var copy = self
        copy.version = try row.decode(column: "row_version", as: Int.self)
        return copy
    }
}
