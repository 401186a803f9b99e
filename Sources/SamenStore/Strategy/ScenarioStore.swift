import SamenCore
import SQLKit

/// A trajectory's scenario set (at most one) with its four scenarios and the robustness
/// ratings of its interventions.
public struct ScenarioStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    static func owned(_ organisationID: String) -> SQLQueryString { TrajectoryRecordWrites.inOrganisation(organisationID) }

    public func set(organisationID: String, trajectoryID: String) async throws -> ScenarioSet? {
        try await database.read { sql in try await Self.set(sql: sql, organisationID: organisationID, trajectoryID: trajectoryID) }
    }

    public static func set(sql: any SQLDatabase, organisationID: String, trajectoryID: String) async throws -> ScenarioSet? {
        guard let row = try await sql.raw("""
            SELECT * FROM scenario_sets WHERE trajectory_id = \(bind: trajectoryID) AND \(owned(organisationID))
            """).first() else { return nil }
        func text(_ c: String) throws -> String { try row.decode(column: c, as: String.self) }
        let id = try text("id")
        let scenarios = try await sql.raw("SELECT * FROM scenarios WHERE set_id = \(bind: id)").all().compactMap { r -> Scenario? in
            guard let q = Quadrant(rawValue: try r.decode(column: "quadrant", as: String.self)) else { return nil }
            return Scenario(id: try r.decode(column: "id", as: String.self), quadrant: q, name: try r.decode(column: "name", as: String.self),
                            narrative: try r.decode(column: "narrative", as: String.self), signposts: try r.decode(column: "signposts", as: String.self))
        }
        return ScenarioSet(id: id, trajectoryID: trajectoryID,
                           axisA: ScenarioAxis(name: try text("axis_a_name"), pole1: try text("axis_a_pole1"), pole2: try text("axis_a_pole2")),
                           axisB: ScenarioAxis(name: try text("axis_b_name"), pole1: try text("axis_b_pole1"), pole2: try text("axis_b_pole2")),
                           scenarios: Quadrant.allCases.compactMap { q in scenarios.first { $0.quadrant == q } },
                           version: try row.decode(column: "row_version", as: Int.self))
    }

    /// The ratings of the set's scenarios.
    public func ratings(organisationID: String, trajectoryID: String) async throws -> [ScenarioRating] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT r.intervention_id, r.rating, s.quadrant FROM scenario_ratings r JOIN scenarios s ON s.id = r.scenario_id
                JOIN scenario_sets x ON x.id = s.set_id WHERE x.trajectory_id = \(bind: trajectoryID) AND x.\(Self.owned(organisationID))
                ORDER BY r.intervention_id, s.quadrant
                """).all().compactMap { row in
                    guard let q = Quadrant(rawValue: try row.decode(column: "quadrant", as: String.self)) else { return nil }
                    return ScenarioRating(interventionID: try row.decode(column: "intervention_id", as: String.self), quadrant: q,
                                          rating: try row.decode(column: "rating", as: Int.self))
                }
        }
    }

    /// The interventions the robustness matrix rates: the trajectory's long-horizon ones that are not stopped.
    public func eligible(organisationID: String, trajectoryID: String) async throws -> [Intervention] {
        try await database.read { sql in try await Self.eligible(sql: sql, organisationID: organisationID, trajectoryID: trajectoryID) }
    }

    public static func eligible(sql: any SQLDatabase, organisationID: String, trajectoryID: String) async throws -> [Intervention] {
        try await PortfolioStore.interventions(sql: sql, where: "trajectory_id = \(bind: trajectoryID) AND \(owned(organisationID))")
            .filter { $0.horizon == .long && $0.status != .stopped }
    }

    // MARK: writes

    public static func insertSet(sql: any SQLDatabase, organisationID: String, _ s: ScenarioSet) async throws -> ScenarioSet {
        try await TrajectoryStore.requireOwned(sql: sql, organisationID: organisationID, trajectoryID: s.trajectoryID)
        if try await set(sql: sql, organisationID: organisationID, trajectoryID: s.trajectoryID) != nil {
            throw ValidationErrors([SamenError("scenario_set_exists", kind: .conflict, field: "axis_a_name")])
        }
        var stored = s
        stored.id = Identifier.make()
        stored.version = 1
        try await sql.raw("""
            INSERT INTO scenario_sets (id, trajectory_id, axis_a_name, axis_a_pole1, axis_a_pole2, axis_b_name, axis_b_pole1, axis_b_pole2, created_at)
            VALUES (\(bind: stored.id), \(bind: s.trajectoryID), \(bind: s.axisA.name), \(bind: s.axisA.pole1), \(bind: s.axisA.pole2),
                    \(bind: s.axisB.name), \(bind: s.axisB.pole1), \(bind: s.axisB.pole2), \(bind: Clock.now()))
            """).run()
        stored.scenarios = []
        for scenario in s.scenarios {
            var kept = scenario
            kept.id = Identifier.make()
            try await sql.raw("""
                INSERT INTO scenarios (id, set_id, quadrant, name, narrative, signposts)
                VALUES (\(bind: kept.id), \(bind: stored.id), \(bind: kept.quadrant.rawValue), \(bind: kept.name), \(bind: kept.narrative),
                        \(bind: kept.signposts))
                """).run()
            stored.scenarios.append(kept)
        }
        return stored
    }

    /// Saves axes and scenarios (each scenario keeps its id, so its ratings stay).
    public static func updateSet(sql: any SQLDatabase, organisationID: String, _ s: ScenarioSet, expected: Int?) async throws -> Int {
        let version = try await VersionedWrites.update(
            sql: sql, table: "scenario_sets", key: "id = \(bind: s.id)", owned: owned(organisationID),
            set: """
                axis_a_name = \(bind: s.axisA.name), axis_a_pole1 = \(bind: s.axisA.pole1), axis_a_pole2 = \(bind: s.axisA.pole2),
                axis_b_name = \(bind: s.axisB.name), axis_b_pole1 = \(bind: s.axisB.pole1), axis_b_pole2 = \(bind: s.axisB.pole2)
                """, expected: expected)
        for scenario in s.scenarios {
            try await sql.raw("""
                UPDATE scenarios SET name = \(bind: scenario.name), narrative = \(bind: scenario.narrative), signposts = \(bind: scenario.signposts)
                WHERE set_id = \(bind: s.id) AND quadrant = \(bind: scenario.quadrant.rawValue)
                """).run()
        }
        return version
    }

    /// Replaces every rating of the set (naming the set's version read) and returns the new version.
    public static func replaceRatings(sql: any SQLDatabase, organisationID: String, _ s: ScenarioSet, _ ratings: [ScenarioRating],
                                      expected: Int?) async throws -> Int {
        let version = try await VersionedWrites.update(sql: sql, table: "scenario_sets", key: "id = \(bind: s.id)", owned: owned(organisationID),
                                                       set: "axis_a_name = axis_a_name", expected: expected)
        try await sql.raw("DELETE FROM scenario_ratings WHERE scenario_id IN (SELECT id FROM scenarios WHERE set_id = \(bind: s.id))").run()
        for r in ratings {
            guard let scenario = s.scenario(r.quadrant) else { continue }
            try await sql.raw("""
                INSERT INTO scenario_ratings (scenario_id, intervention_id, rating) VALUES (\(bind: scenario.id), \(bind: r.interventionID), \(bind: r.rating))
                """).run()
        }
        return version
    }

    public static func deleteSet(sql: any SQLDatabase, organisationID: String, id: String, expected: Int?) async throws {
        try await VersionedWrites.delete(sql: sql, table: "scenario_sets", key: "id = \(bind: id)", owned: owned(organisationID), expected: expected)
    }

    /// The four scenarios and their ratings go with a set.
    public static func setImpact(sql: any SQLDatabase, id: String) async throws -> DeletionImpact {
        DeletionImpact([
            .init(key: "impact_scenarios", count: try await VersionedWrites.count(sql: sql, "scenarios WHERE set_id = \(bind: id)")),
            .init(key: "impact_scenario_ratings", count: try await VersionedWrites.count(
                sql: sql, "scenario_ratings WHERE scenario_id IN (SELECT id FROM scenarios WHERE set_id = \(bind: id))")),
        ])
    }
}
