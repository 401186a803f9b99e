import SamenCore
import SQLKit

/// Stored SROI analyses of a trajectory. Reads name the organisation; the sql-level writes are
/// called by `ValueSROIAnalysisWrites` inside their transaction.
public struct ValueSROIAnalysisStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    static func owned(_ organisationID: String) -> SQLQueryString { TrajectoryRecordWrites.inOrganisation(organisationID) }

    /// Every analysis of a trajectory, oldest first.
    public func analyses(organisationID: String, trajectoryID: String) async throws -> [ValueSROIAnalysis] {
        try await database.read { sql in
            try await Self.analyses(sql: sql, where: "trajectory_id = \(bind: trajectoryID) AND \(Self.owned(organisationID))")
        }
    }

    public func analysis(organisationID: String, id: String) async throws -> ValueSROIAnalysis? {
        try await database.read { sql in
            try await Self.analyses(sql: sql, where: "id = \(bind: id) AND \(Self.owned(organisationID))").first
        }
    }

    /// How many analyses are tied to an intervention (what its delete confirmation counts; they stay, untied).
    public func count(organisationID: String, interventionID: String) async throws -> Int {
        try await database.read { sql in
            let row = try await sql.raw("""
                SELECT COUNT(*) AS n FROM value_sroi_analyses WHERE intervention_id = \(bind: interventionID) AND \(Self.owned(organisationID))
                """).first()
            return try row?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    static func analyses(sql: any SQLDatabase, where condition: SQLQueryString) async throws -> [ValueSROIAnalysis] {
        try await sql.raw("SELECT * FROM value_sroi_analyses WHERE \(condition) ORDER BY created_at, id").all().map { row in
            func text(_ c: String) throws -> String { try row.decode(column: c, as: String.self) }
            return ValueSROIAnalysis(
                id: try text("id"), trajectoryID: try text("trajectory_id"),
                interventionID: try row.decode(column: "intervention_id", as: String?.self), title: try text("title"),
                scopeIn: try text("scope_in"), scopeOut: try text("scope_out"), period: try text("period"),
                stakeholders: try text("stakeholders"), engagement: try text("engagement"),
                inputs: try row.decode(column: "inputs", as: Double.self), discountRate: try row.decode(column: "discount_rate", as: Double.self),
                draws: try row.decode(column: "draws", as: Int.self), seed: try row.decode(column: "seed", as: Int.self),
                impactMap: try text("impact_map"), version: try row.decode(column: "row_version", as: Int.self))
        }
    }

    // MARK: writes

    public static func insert(sql: any SQLDatabase, organisationID: String, _ a: ValueSROIAnalysis) async throws -> ValueSROIAnalysis {
        try await TrajectoryStore.requireOwned(sql: sql, organisationID: organisationID, trajectoryID: a.trajectoryID)
        try await requireIntervention(sql: sql, a)
        var stored = a
        stored.id = Identifier.make()
        stored.version = 1
        try await sql.raw("""
            INSERT INTO value_sroi_analyses (id, trajectory_id, intervention_id, title, scope_in, scope_out, period, stakeholders, engagement,
                                             inputs, discount_rate, draws, seed, impact_map, created_at)
            VALUES (\(bind: stored.id), \(bind: stored.trajectoryID), \(bind: stored.interventionID), \(bind: stored.title),
                    \(bind: stored.scopeIn), \(bind: stored.scopeOut), \(bind: stored.period), \(bind: stored.stakeholders),
                    \(bind: stored.engagement), \(bind: stored.inputs), \(bind: stored.discountRate), \(bind: stored.draws),
                    \(bind: stored.seed), \(bind: stored.impactMap), \(bind: Clock.now()))
            """).run()
        return stored
    }

    public static func update(sql: any SQLDatabase, organisationID: String, _ a: ValueSROIAnalysis, expected: Int?) async throws -> Int {
        try await requireIntervention(sql: sql, a)
        return try await VersionedWrites.update(
            sql: sql, table: "value_sroi_analyses", key: "id = \(bind: a.id)", owned: owned(organisationID),
            set: """
                intervention_id = \(bind: a.interventionID), title = \(bind: a.title), scope_in = \(bind: a.scopeIn),
                scope_out = \(bind: a.scopeOut), period = \(bind: a.period), stakeholders = \(bind: a.stakeholders),
                engagement = \(bind: a.engagement), inputs = \(bind: a.inputs), discount_rate = \(bind: a.discountRate),
                draws = \(bind: a.draws), seed = \(bind: a.seed), impact_map = \(bind: a.impactMap)
                """, expected: expected)
    }

    public static func delete(sql: any SQLDatabase, organisationID: String, id: String, expected: Int?) async throws {
        try await VersionedWrites.delete(sql: sql, table: "value_sroi_analyses", key: "id = \(bind: id)", owned: owned(organisationID),
                                         expected: expected)
    }

    /// A tied intervention must be of the analysis's own trajectory (a conflict otherwise).
    static func requireIntervention(sql: any SQLDatabase, _ a: ValueSROIAnalysis) async throws {
        guard let intervention = a.interventionID else { return }
        if try await sql.raw("""
            SELECT id FROM interventions WHERE id = \(bind: intervention) AND trajectory_id = \(bind: a.trajectoryID)
            """).first() == nil {
            throw ValidationErrors([SamenError("link_unknown", kind: .conflict, field: "intervention_id")])
        }
    }
}
