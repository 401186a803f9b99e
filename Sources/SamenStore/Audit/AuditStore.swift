import Foundation
import SamenCore
import SQLKit
import Synchronization

/// The audit trail. Entries are written by the use-cases inside the transaction of the
/// write they describe (`record(sql:…)`), so a write and its entry are stored together or
/// not at all. Reads are per organisation, newest first, paginated by a keyset cursor.
public struct AuditStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Writes one entry on the connection of the caller's transaction.
    public static func record(sql: any SQLDatabase, actor: WriteActor, trajectoryID: String?, entity: String, entityID: String,
                              action: AuditAction, fields: [String] = []) async throws {
        try await sql.raw("""
            INSERT INTO audit_log (id, organisation_id, trajectory_id, actor_id, actor_name, at, entity, entity_id, action, fields)
            VALUES (\(bind: Identifier.ordered()), \(bind: actor.organisationID), \(bind: trajectoryID), \(bind: actor.userID),
                    \(bind: actor.displayName), \(bind: Clock.now()), \(bind: entity), \(bind: entityID), \(bind: action.rawValue),
                    \(bind: fields.joined(separator: ",")))
            """).run()
    }

    /// Records a read (for example of a story's original text) in a transaction of its own.
    public func recordRead(actor: WriteActor, trajectoryID: String?, entity: String, entityID: String) async throws {
        try await database.transaction { sql in
            try await Self.record(sql: sql, actor: actor, trajectoryID: trajectoryID, entity: entity, entityID: entityID,
                                  action: .readOriginal)
        }
    }

    /// One page of entries, newest first. `cursor` is the `nextCursor` of the previous page.
    public struct Page: Sendable {
        public var entries: [AuditEntry]
        public var nextCursor: String?
        public var total: Int
    }

    public func entries(organisationID: String, filter: AuditFilter, limit: Int, cursor: String?) async throws -> Page {
        try await database.read { sql in
            var conditions: [SQLQueryString] = ["organisation_id = \(bind: organisationID)"]
            if let value = filter.trajectoryID { conditions.append("trajectory_id = \(bind: value)") }
            if let value = filter.actorID { conditions.append("actor_id = \(bind: value)") }
            if let value = filter.entity { conditions.append("entity = \(bind: value)") }
            if let value = filter.from, let date = CalendarDate(value) { conditions.append("at >= \(bind: Int64(date.daysSinceEpoch) * 86_400)") }
            if let value = filter.to, let date = CalendarDate(value) { conditions.append("at < \(bind: Int64(date.daysSinceEpoch + 1) * 86_400)") }
            let whereClause = conditions.joined(separator: " AND ")
            let total = try await sql.raw("SELECT COUNT(*) AS n FROM audit_log WHERE \(whereClause)").first()?
                .decode(column: "n", as: Int.self) ?? 0
            var paged = conditions
            if let cursor, let (at, id) = Self.parse(cursor) {
                paged.append("(at < \(bind: at) OR (at = \(bind: at) AND id < \(bind: id)))")
            }
            let rows = try await sql.raw("""
                SELECT * FROM audit_log WHERE \(paged.joined(separator: " AND "))
                ORDER BY at DESC, id DESC LIMIT \(bind: limit + 1)
                """).all()
            let entries = try rows.prefix(limit).map(Self.decode)
            let next = rows.count > limit ? entries.last.map { "\($0.at)_\($0.id)" } : nil
            return Page(entries: entries, nextCursor: next, total: total)
        }
    }

    static func parse(_ cursor: String) -> (Int64, String)? {
        let parts = cursor.split(separator: "_", maxSplits: 1)
        guard parts.count == 2, let at = Int64(parts[0]) else { return nil }
        return (at, String(parts[1]))
    }

    /// Deletes entries older than each organisation's retention period; returns how many went.
    @discardableResult
    public func purgeExpired(now: Int64 = Clock.now()) async throws -> Int {
        try await database.transaction { sql in
            try await sql.raw("""
                DELETE FROM audit_log WHERE id IN (
                    SELECT a.id FROM audit_log a JOIN organisations o ON o.id = a.organisation_id
                    WHERE a.at < \(bind: now) - o.audit_retention_days * 86400)
                RETURNING id
                """).all().count
        }
    }

    public func retentionDays(organisationID: String) async throws -> Int {
        try await database.read { sql in
            try await sql.raw("SELECT audit_retention_days FROM organisations WHERE id = \(bind: organisationID)").first()?
                .decode(column: "audit_retention_days", as: Int.self) ?? 730
        }
    }

    /// Sets the retention period (a write like any other: audited).
    public func setRetentionDays(_ days: Int, actor: WriteActor) async throws {
        try actor.require(.manageOrganisation)
        guard (30...3650).contains(days) else { throw ValidationErrors([.validation("audit_retention_invalid", field: "retention_days")]) }
        try await database.transaction { sql in
            try await sql.raw("""
                UPDATE organisations SET audit_retention_days = \(bind: days) WHERE id = \(bind: actor.organisationID)
                """).run()
            try await Self.record(sql: sql, actor: actor, trajectoryID: nil, entity: "organisation", entityID: actor.organisationID,
                                  action: .update, fields: ["audit_retention_days"])
        }
    }

    static func decode(_ row: any SQLRow) throws -> AuditEntry {
        let fields = try row.decode(column: "fields", as: String.self)
        return AuditEntry(
            id: try row.decode(column: "id", as: String.self), organisationID: try row.decode(column: "organisation_id", as: String.self),
            trajectoryID: try row.decode(column: "trajectory_id", as: String?.self), actorID: try row.decode(column: "actor_id", as: String?.self),
            actorName: try row.decode(column: "actor_name", as: String.self), at: try row.decode(column: "at", as: Int64.self),
            entity: try row.decode(column: "entity", as: String.self), entityID: try row.decode(column: "entity_id", as: String.self),
            action: AuditAction(rawValue: try row.decode(column: "action", as: String.self)) ?? .update,
            fields: fields.isEmpty ? [] : fields.split(separator: ",").map(String.init))
    }
}
