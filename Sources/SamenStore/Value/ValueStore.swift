import SamenCore
import SQLKit

/// The value register. Reads name the organisation; the sql-level writes are called by the
/// value use-cases (`ValueWrites`) inside their transaction.
public struct ValueStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    static func owned(_ organisationID: String) -> SQLQueryString { TrajectoryRecordWrites.inOrganisation(organisationID) }

    public func records(organisationID: String, trajectoryID: String) async throws -> [ValueRecord] {
        try await database.read { sql in
            try await Self.records(sql: sql, where: "trajectory_id = \(bind: trajectoryID) AND \(Self.owned(organisationID))")
        }
    }

    public func record(organisationID: String, id: String) async throws -> ValueRecord? {
        try await database.read { sql in
            try await Self.records(sql: sql, where: "id = \(bind: id) AND \(Self.owned(organisationID))").first
        }
    }

    static func records(sql: any SQLDatabase, where condition: SQLQueryString) async throws -> [ValueRecord] {
        try await sql.raw("SELECT * FROM value_records WHERE \(condition) ORDER BY created_at, id").all().map { row in
            func text(_ c: String) throws -> String { try row.decode(column: c, as: String.self) }
            return ValueRecord(
                id: try text("id"), trajectoryID: try text("trajectory_id"),
                beneficiary: ValueBeneficiary(rawValue: try text("beneficiary")) ?? .user,
                valueType: ValueType(rawValue: try text("value_type")) ?? .inUse,
                polarity: ValuePolarity(rawValue: try text("polarity")) ?? .created,
                moment: ValueMoment(rawValue: try text("moment")) ?? .customerContact,
                creator: ValueCreator(rawValue: try text("creator")) ?? .frontLine, description: try text("description"),
                cause: ValueLossCause(rawValue: try text("cause")) ?? .none, touchpoint: try text("touchpoint"),
                highlightID: try row.decode(column: "highlight_id", as: String?.self), evidenceNote: try text("evidence_note"),
                version: try row.decode(column: "row_version", as: Int.self))
        }
    }

    /// IDs of the highlights of the trajectory that some record already rests on.
    public func usedHighlightIDs(organisationID: String, trajectoryID: String) async throws -> Set<String> {
        try await database.read { sql in
            Set(try await sql.raw("""
                SELECT highlight_id FROM value_records
                WHERE highlight_id IS NOT NULL AND trajectory_id = \(bind: trajectoryID) AND \(Self.owned(organisationID))
                """).all().map { try $0.decode(column: "highlight_id", as: String.self) })
        }
    }

    // MARK: writes

    public static func insert(sql: any SQLDatabase, organisationID: String, _ record: ValueRecord) async throws -> ValueRecord {
        try await TrajectoryStore.requireOwned(sql: sql, organisationID: organisationID, trajectoryID: record.trajectoryID)
        try await requireHighlight(sql: sql, record)
        var stored = record
        stored.id = Identifier.make()
        stored.version = 1
        try await sql.raw("""
            INSERT INTO value_records (id, trajectory_id, beneficiary, value_type, polarity, moment, creator, description, cause,
                                       touchpoint, highlight_id, evidence_note, created_at)
            VALUES (\(bind: stored.id), \(bind: stored.trajectoryID), \(bind: stored.beneficiary.rawValue), \(bind: stored.valueType.rawValue),
                    \(bind: stored.polarity.rawValue), \(bind: stored.moment.rawValue), \(bind: stored.creator.rawValue),
                    \(bind: stored.description), \(bind: stored.cause.rawValue), \(bind: stored.touchpoint), \(bind: stored.highlightID),
                    \(bind: stored.evidenceNote), \(bind: Clock.now()))
            """).run()
        return stored
    }

    public static func update(sql: any SQLDatabase, organisationID: String, _ r: ValueRecord, expected: Int?) async throws -> Int {
        try await requireHighlight(sql: sql, r)
        return try await VersionedWrites.update(
            sql: sql, table: "value_records", key: "id = \(bind: r.id)", owned: owned(organisationID),
            set: """
                beneficiary = \(bind: r.beneficiary.rawValue), value_type = \(bind: r.valueType.rawValue), polarity = \(bind: r.polarity.rawValue),
                moment = \(bind: r.moment.rawValue), creator = \(bind: r.creator.rawValue), description = \(bind: r.description),
                cause = \(bind: r.cause.rawValue), touchpoint = \(bind: r.touchpoint), highlight_id = \(bind: r.highlightID),
                evidence_note = \(bind: r.evidenceNote)
                """, expected: expected)
    }

    public static func delete(sql: any SQLDatabase, organisationID: String, id: String, expected: Int?) async throws {
        try await VersionedWrites.delete(sql: sql, table: "value_records", key: "id = \(bind: id)", owned: owned(organisationID),
                                         expected: expected)
    }

    /// The highlight a record rests on must be one of its own trajectory's.
    static func requireHighlight(sql: any SQLDatabase, _ record: ValueRecord) async throws {
        guard let id = record.highlightID else { return }
        let found = try await sql.raw("""
            SELECT h.id FROM highlights h JOIN stories s ON s.id = h.story_id
            WHERE h.id = \(bind: id) AND s.trajectory_id = \(bind: record.trajectoryID)
            """).first()
        if found == nil { throw ValidationErrors([SamenError("highlight_unknown", kind: .conflict, field: "highlight_id")]) }
    }
}

extension ValueStore {
    /// Tagged highlights (a Co-VAL polarity) that no value record uses yet: the register's
    /// "evidence waiting to be used", the newest `limit` of them and how many there are in all.
    public func waitingEvidence(organisationID: String, trajectoryID: String,
                                limit: Int) async throws -> (highlights: [Highlight], total: Int) {
        try await EvidenceStore(database: database).newest(
            organisationID: organisationID, trajectoryID: trajectoryID,
            where: "h.polarity <> 'none' AND NOT EXISTS (SELECT 1 FROM value_records r WHERE r.highlight_id = h.id)", limit: limit)
    }
}
