import SamenCore
import SQLKit

/// The organisation's capability catalogue and what interventions need of it. Reads name
/// the organisation; the sql-level writes are called by the strategy use-cases inside
/// their transaction.
public struct CapabilityStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    static func owned(_ organisationID: String) -> SQLQueryString { "organisation_id = \(bind: organisationID)" }

    /// A need belongs to the organisation of its intervention's trajectory.
    static func needOwned(_ organisationID: String) -> SQLQueryString {
        "intervention_id IN (SELECT i.id FROM interventions i JOIN trajectories t ON t.id = i.trajectory_id WHERE t.organisation_id = \(bind: organisationID))"
    }

    // MARK: reads

    public func capabilities(organisationID: String) async throws -> [Capability] {
        try await database.read { sql in try await Self.capabilities(sql: sql, where: Self.owned(organisationID)) }
    }

    public func capability(organisationID: String, id: String) async throws -> Capability? {
        try await database.read { sql in try await Self.capabilities(sql: sql, where: "id = \(bind: id) AND \(Self.owned(organisationID))").first }
    }

    static func capabilities(sql: any SQLDatabase, where condition: SQLQueryString) async throws -> [Capability] {
        try await sql.raw("SELECT * FROM capabilities WHERE \(condition) ORDER BY name, id").all().map { row in
            func text(_ c: String) throws -> String { try row.decode(column: c, as: String.self) }
            return Capability(id: try text("id"), organisationID: try text("organisation_id"), name: try text("name"),
                              kind: CapabilityKind(rawValue: try text("kind")) ?? .skill, description: try text("description"),
                              currentLevel: try row.decode(column: "current_level", as: Int.self),
                              version: try row.decode(column: "row_version", as: Int.self))
        }
    }

    /// Every need of the organisation's interventions, with the intervention's trajectory and status.
    public func needs(organisationID: String) async throws -> [(need: CapabilityNeed, trajectoryID: String, status: InterventionStatus)] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT n.*, i.trajectory_id AS trajectory_id, i.status AS status FROM intervention_capabilities n
                JOIN interventions i ON i.id = n.intervention_id JOIN trajectories t ON t.id = i.trajectory_id
                WHERE t.organisation_id = \(bind: organisationID) ORDER BY n.created_at, n.id
                """).all().map { row in
                    (try Self.need(row), try row.decode(column: "trajectory_id", as: String.self),
                     InterventionStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .idea)
                }
        }
    }

    public func needs(organisationID: String, interventionID: String) async throws -> [CapabilityNeed] {
        try await database.read { sql in
            try await Self.needs(sql: sql, where: "intervention_id = \(bind: interventionID) AND \(Self.needOwned(organisationID))")
        }
    }

    public func need(organisationID: String, id: String) async throws -> CapabilityNeed? {
        try await database.read { sql in try await Self.needs(sql: sql, where: "id = \(bind: id) AND \(Self.needOwned(organisationID))").first }
    }

    static func needs(sql: any SQLDatabase, where condition: SQLQueryString) async throws -> [CapabilityNeed] {
        try await sql.raw("SELECT * FROM intervention_capabilities WHERE \(condition) ORDER BY created_at, id").all().map(need)
    }

    static func need(_ row: any SQLRow) throws -> CapabilityNeed {
        CapabilityNeed(id: try row.decode(column: "id", as: String.self), interventionID: try row.decode(column: "intervention_id", as: String.self),
                       capabilityID: try row.decode(column: "capability_id", as: String.self),
                       neededLevel: try row.decode(column: "needed_level", as: Int.self), version: try row.decode(column: "row_version", as: Int.self))
    }

    // MARK: capability writes

    /// The ids of the organisation's catalogue, read inside a write's transaction.
    public static func capabilityIDs(sql: any SQLDatabase, organisationID: String) async throws -> [String] {
        try await capabilities(sql: sql, where: owned(organisationID)).map(\.id)
    }

    /// The capabilities an intervention needs, read inside a write's transaction.
    public static func neededCapabilities(sql: any SQLDatabase, interventionID: String) async throws -> [CapabilityNeed] {
        try await needs(sql: sql, where: "intervention_id = \(bind: interventionID)")
    }

    public static func names(sql: any SQLDatabase, organisationID: String, except id: String?) async throws -> [String] {
        try await capabilities(sql: sql, where: owned(organisationID)).filter { $0.id != id }.map(\.name)
    }

    public static func insertCapability(sql: any SQLDatabase, _ c: Capability) async throws -> Capability {
        var stored = c
        stored.id = Identifier.make()
        stored.version = 1
        try await sql.raw("""
            INSERT INTO capabilities (id, organisation_id, name, kind, description, current_level, created_at)
            VALUES (\(bind: stored.id), \(bind: c.organisationID), \(bind: c.name), \(bind: c.kind.rawValue), \(bind: c.description),
                    \(bind: c.currentLevel), \(bind: Clock.now()))
            """).run()
        return stored
    }

    public static func updateCapability(sql: any SQLDatabase, organisationID: String, _ c: Capability, expected: Int?) async throws -> Int {
        try await VersionedWrites.update(
            sql: sql, table: "capabilities", key: "id = \(bind: c.id)", owned: owned(organisationID),
            set: "name = \(bind: c.name), kind = \(bind: c.kind.rawValue), description = \(bind: c.description), current_level = \(bind: c.currentLevel)",
            expected: expected)
    }

    public static func deleteCapability(sql: any SQLDatabase, organisationID: String, id: String, expected: Int?) async throws {
        try await VersionedWrites.delete(sql: sql, table: "capabilities", key: "id = \(bind: id)", owned: owned(organisationID), expected: expected)
    }

    /// The interventions' needs of a capability go with it.
    public static func capabilityImpact(sql: any SQLDatabase, id: String) async throws -> DeletionImpact {
        DeletionImpact([
            .init(key: "impact_capability_needs", count: try await VersionedWrites.count(sql: sql, "intervention_capabilities WHERE capability_id = \(bind: id)")),
        ])
    }

    // MARK: need writes

    public static func insertNeed(sql: any SQLDatabase, _ n: CapabilityNeed) async throws -> CapabilityNeed {
        var stored = n
        stored.id = Identifier.make()
        stored.version = 1
        try await sql.raw("""
            INSERT INTO intervention_capabilities (id, intervention_id, capability_id, needed_level, created_at)
            VALUES (\(bind: stored.id), \(bind: n.interventionID), \(bind: n.capabilityID), \(bind: n.neededLevel), \(bind: Clock.now()))
            """).run()
        return stored
    }

    public static func updateNeed(sql: any SQLDatabase, organisationID: String, _ n: CapabilityNeed, expected: Int?) async throws -> Int {
        try await VersionedWrites.update(
            sql: sql, table: "intervention_capabilities", key: "id = \(bind: n.id)", owned: needOwned(organisationID),
            set: "capability_id = \(bind: n.capabilityID), needed_level = \(bind: n.neededLevel)", expected: expected)
    }

    public static func deleteNeed(sql: any SQLDatabase, organisationID: String, id: String, expected: Int?) async throws {
        try await VersionedWrites.delete(sql: sql, table: "intervention_capabilities", key: "id = \(bind: id)", owned: needOwned(organisationID),
                                         expected: expected)
    }
}
