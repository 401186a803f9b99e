import Foundation
import SamenCore
import SQLKit

/// Published trajectory reports: each version a frozen JSON snapshot. Reads name the
/// organisation; the sql-level writes are called by the report use-cases in their transaction.
public struct TrajectoryReportStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    static func owned(_ organisationID: String) -> SQLQueryString { TrajectoryRecordWrites.inOrganisation(organisationID) }

    public func reports(organisationID: String, trajectoryID: String) async throws -> [PublishedReport] {
        try await database.read { sql in
            try await Self.select(sql, "trajectory_id = \(bind: trajectoryID) AND \(Self.owned(organisationID)) ORDER BY number DESC")
        }
    }

    public func report(organisationID: String, id: String) async throws -> PublishedReport? {
        try await database.read { sql in try await Self.select(sql, "id = \(bind: id) AND \(Self.owned(organisationID))").first }
    }

    /// A report by its public link, only while it is not withdrawn.
    public func publicReport(token: String) async throws -> PublishedReport? {
        guard !token.isEmpty else { return nil }
        return try await database.read { sql in try await Self.select(sql, "public_token = \(bind: token) AND withdrawn_at IS NULL").first }
    }

    static func select(_ sql: any SQLDatabase, _ condition: SQLQueryString) async throws -> [PublishedReport] {
        try await sql.raw("SELECT * FROM trajectory_reports WHERE \(condition)").all().map { row in
            let snapshot = try JSONDecoder().decode(TrajectoryReportSnapshot.self, from: Data(try row.decode(column: "snapshot", as: String.self).utf8))
            return PublishedReport(
                id: try row.decode(column: "id", as: String.self), trajectoryID: try row.decode(column: "trajectory_id", as: String.self),
                number: try row.decode(column: "number", as: Int.self), title: try row.decode(column: "title", as: String.self), snapshot: snapshot,
                publishedAt: try row.decode(column: "published_at", as: Int64.self), publishedBy: try row.decode(column: "published_by", as: String.self),
                publicToken: try row.decode(column: "public_token", as: String?.self), withdrawnAt: try row.decode(column: "withdrawn_at", as: Int64?.self),
                version: try row.decode(column: "row_version", as: Int.self))
        }
    }

    // MARK: sql-level writes

    /// Stores a new version with the next number. On PostgreSQL the trajectory row is locked
    /// first, so two publications at the same moment get numbers one after the other (SQLite
    /// has one writer at a time already).
    public static func publish(sql: any SQLDatabase, kind: DatabaseKind, organisationID: String, trajectoryID: String, title: String,
                               snapshot: TrajectoryReportSnapshot, by: String, publicToken: String?) async throws -> PublishedReport {
        if kind == .postgres {
            try await sql.raw("SELECT id FROM trajectories WHERE id = \(bind: trajectoryID) FOR UPDATE").run()
        }
        try await TrajectoryStore.requireOwned(sql: sql, organisationID: organisationID, trajectoryID: trajectoryID)
        let number = (try await sql.raw("SELECT MAX(number) AS n FROM trajectory_reports WHERE trajectory_id = \(bind: trajectoryID)").first()?
            .decode(column: "n", as: Int?.self) ?? 0) + 1
        let report = PublishedReport(id: Identifier.make(), trajectoryID: trajectoryID, number: number, title: title, snapshot: snapshot,
                                     publishedAt: Clock.now(), publishedBy: by, publicToken: publicToken, withdrawnAt: nil, version: 1)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(snapshot), as: UTF8.self)
        try await sql.raw("""
            INSERT INTO trajectory_reports (id, trajectory_id, number, title, snapshot, published_at, published_by, public_token)
            VALUES (\(bind: report.id), \(bind: trajectoryID), \(bind: number), \(bind: title), \(bind: json), \(bind: report.publishedAt),
                    \(bind: by), \(bind: publicToken))
            """).run()
        return report
    }

    /// Takes a report back (its public link stops working) or puts it out again; the snapshot never changes.
    public static func setWithdrawn(sql: any SQLDatabase, organisationID: String, id: String, withdrawn: Bool, expected: Int?) async throws -> Int {
        let at: Int64? = withdrawn ? Clock.now() : nil
        return try await VersionedWrites.update(sql: sql, table: "trajectory_reports", key: "id = \(bind: id)", owned: owned(organisationID),
                                                set: "withdrawn_at = \(bind: at)", expected: expected)
    }

    public static func delete(sql: any SQLDatabase, organisationID: String, id: String, expected: Int?) async throws {
        try await VersionedWrites.delete(sql: sql, table: "trajectory_reports", key: "id = \(bind: id)", owned: owned(organisationID), expected: expected)
    }
}
