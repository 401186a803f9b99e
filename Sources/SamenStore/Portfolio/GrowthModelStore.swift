import SamenCore
import SQLKit

/// The growth model: maturity assessments per dimension, over time.
public struct GrowthModelStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Oldest first per dimension, so the latest is the last of its dimension.
    public func assessments(organisationID: String, trajectoryID: String) async throws -> [MaturityAssessment] {
        try await database.read { sql in
            try await Self.assessments(sql: sql, where: "trajectory_id = \(bind: trajectoryID) AND \(PortfolioStore.owned(organisationID))")
        }
    }

    public func assessment(organisationID: String, id: String) async throws -> MaturityAssessment? {
        try await database.read { sql in
            try await Self.assessments(sql: sql, where: "id = \(bind: id) AND \(PortfolioStore.owned(organisationID))").first
        }
    }

    static func assessments(sql: any SQLDatabase, where condition: SQLQueryString) async throws -> [MaturityAssessment] {
        try await sql.raw("SELECT * FROM maturity_assessments WHERE \(condition) ORDER BY dimension, assessed_on, created_at, id").all().map { row in
            func text(_ c: String) throws -> String { try row.decode(column: c, as: String.self) }
            return MaturityAssessment(
                id: try text("id"), trajectoryID: try text("trajectory_id"), dimension: try text("dimension"),
                level: try row.decode(column: "level", as: Int.self), assessedOn: try text("assessed_on"), assessors: try text("assessors"),
                justification: try text("justification"), evidence: try text("evidence"),
                targetShort: try row.decode(column: "target_short", as: Int?.self), targetMedium: try row.decode(column: "target_medium", as: Int?.self),
                targetLong: try row.decode(column: "target_long", as: Int?.self), version: try row.decode(column: "row_version", as: Int.self))
        }
    }

    public static func insertAssessment(sql: any SQLDatabase, organisationID: String, _ a: MaturityAssessment) async throws -> MaturityAssessment {
        try await TrajectoryStore.requireOwned(sql: sql, organisationID: organisationID, trajectoryID: a.trajectoryID)
        var stored = a
        stored.id = Identifier.make()
        stored.version = 1
        try await sql.raw("""
            INSERT INTO maturity_assessments (id, trajectory_id, dimension, level, assessed_on, assessors, justification, evidence,
                                              target_short, target_medium, target_long, created_at)
            VALUES (\(bind: stored.id), \(bind: a.trajectoryID), \(bind: a.dimension), \(bind: a.level), \(bind: a.assessedOn), \(bind: a.assessors),
                    \(bind: a.justification), \(bind: a.evidence), \(bind: a.targetShort), \(bind: a.targetMedium), \(bind: a.targetLong),
                    \(bind: Clock.now()))
            """).run()
        return stored
    }

    public static func updateAssessment(sql: any SQLDatabase, organisationID: String, _ a: MaturityAssessment, expected: Int?) async throws -> Int {
        try await VersionedWrites.update(
            sql: sql, table: "maturity_assessments", key: "id = \(bind: a.id)", owned: PortfolioStore.owned(organisationID),
            set: """
                dimension = \(bind: a.dimension), level = \(bind: a.level), assessed_on = \(bind: a.assessedOn), assessors = \(bind: a.assessors),
                justification = \(bind: a.justification), evidence = \(bind: a.evidence), target_short = \(bind: a.targetShort),
                target_medium = \(bind: a.targetMedium), target_long = \(bind: a.targetLong)
                """, expected: expected)
    }

    public static func deleteAssessment(sql: any SQLDatabase, organisationID: String, id: String, expected: Int?) async throws {
        try await VersionedWrites.delete(sql: sql, table: "maturity_assessments", key: "id = \(bind: id)",
                                         owned: PortfolioStore.owned(organisationID), expected: expected)
    }
}
