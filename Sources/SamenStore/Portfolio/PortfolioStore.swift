import SamenCore
import SQLKit

/// Interventions with their links and status history, and the growth model's maturity
/// assessments. Reads name the organisation; the sql-level writes are called by the
/// portfolio use-cases inside their transaction.
public struct PortfolioStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    static func owned(_ organisationID: String) -> SQLQueryString { TrajectoryRecordWrites.inOrganisation(organisationID) }

    /// The three kinds of record an intervention answers, with the table that links them.
    static let links: [(table: String, column: String, source: String, field: String)] = [
        ("intervention_insights", "insight_id", "SELECT r.id FROM insights r WHERE r.trajectory_id", "insight_ids"),
        ("intervention_personas", "persona_id", "SELECT r.id FROM personas r WHERE r.trajectory_id", "persona_ids"),
        ("intervention_steps", "step_id", "SELECT r.id FROM journey_steps r JOIN journeys j ON j.id = r.journey_id WHERE j.trajectory_id", "step_ids"),
    ]

    // MARK: reads

    public func interventions(organisationID: String, trajectoryID: String) async throws -> [Intervention] {
        try await database.read { sql in
            try await Self.interventions(sql: sql, where: "trajectory_id = \(bind: trajectoryID) AND \(Self.owned(organisationID))")
        }
    }

    public func intervention(organisationID: String, id: String) async throws -> Intervention? {
        try await database.read { sql in
            try await Self.interventions(sql: sql, where: "id = \(bind: id) AND \(Self.owned(organisationID))").first
        }
    }

    static func interventions(sql: any SQLDatabase, where condition: SQLQueryString) async throws -> [Intervention] {
        let rows = try await sql.raw("SELECT * FROM interventions WHERE \(condition) ORDER BY created_at, id").all()
        // One query per kind of link for all the interventions read, not one per intervention.
        var linked: [[String: [String]]] = []
        for link in links {
            var targets: [String: [String]] = [:]
            for row in try await sql.raw("""
                SELECT intervention_id, \(unsafeRaw: link.column) AS target FROM \(unsafeRaw: link.table)
                WHERE intervention_id IN (SELECT id FROM interventions WHERE \(condition)) ORDER BY intervention_id, target
                """).all() {
                targets[try row.decode(column: "intervention_id", as: String.self), default: []].append(try row.decode(column: "target", as: String.self))
            }
            linked.append(targets)
        }
        var found: [Intervention] = []
        for row in rows {
            func text(_ c: String) throws -> String { try row.decode(column: c, as: String.self) }
            let id = try text("id")
            let ids = linked.map { $0[id] ?? [] }
            found.append(Intervention(
                id: id, trajectoryID: try text("trajectory_id"), title: try text("title"), description: try text("description"),
                problem: try text("problem"), insightIDs: ids[0], personaIDs: ids[1], stepIDs: ids[2],
                dimensions: try text("dimensions").split(separator: ",").map(String.init),
                horizon: Horizon(rawValue: try text("horizon")) ?? .short, owner: try text("owner"), expectedEffect: try text("expected_effect"),
                effort: Effort(rawValue: try text("effort")) ?? .medium, costEUR: try row.decode(column: "cost_eur", as: Int?.self),
                status: InterventionStatus(rawValue: try text("status")) ?? .idea, statusSince: try text("status_since"),
                version: try row.decode(column: "row_version", as: Int.self)))
        }
        return found
    }

    public func history(organisationID: String, interventionID: String) async throws -> [StatusChange] {
        try await changes(where: "c.intervention_id = \(bind: interventionID) AND i.\(Self.owned(organisationID))")
    }

    /// Every status change of a trajectory's interventions, per intervention in the order they happened.
    public func histories(organisationID: String, trajectoryID: String) async throws -> [StatusChange] {
        try await changes(where: "i.trajectory_id = \(bind: trajectoryID) AND i.\(Self.owned(organisationID))")
    }

    func changes(where condition: SQLQueryString) async throws -> [StatusChange] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT c.* FROM intervention_status_changes c JOIN interventions i ON i.id = c.intervention_id
                WHERE \(condition) ORDER BY i.created_at, i.id, c.id
                """).all().map { row in
                    StatusChange(id: try row.decode(column: "id", as: String.self),
                                 interventionID: try row.decode(column: "intervention_id", as: String.self),
                                 from: try row.decode(column: "from_status", as: String?.self).flatMap(InterventionStatus.init(rawValue:)),
                                 to: InterventionStatus(rawValue: try row.decode(column: "to_status", as: String.self)) ?? .idea,
                                 on: try row.decode(column: "changed_on", as: String.self), reason: try row.decode(column: "reason", as: String.self),
                                 by: try row.decode(column: "changed_by", as: String.self))
                }
        }
    }

    // MARK: intervention writes

    public static func insertIntervention(sql: any SQLDatabase, organisationID: String, _ intervention: Intervention, by: String) async throws -> Intervention {
        try await TrajectoryStore.requireOwned(sql: sql, organisationID: organisationID, trajectoryID: intervention.trajectoryID)
        var stored = intervention
        // Time-ordered, so interventions made in one second keep their order in lists and exports.
        stored.id = Identifier.ordered()
        stored.version = 1
        try await sql.raw("""
            INSERT INTO interventions (id, trajectory_id, title, description, problem, dimensions, horizon, owner, expected_effect, effort,
                                       cost_eur, status, status_since, created_at)
            VALUES (\(bind: stored.id), \(bind: stored.trajectoryID), \(bind: stored.title), \(bind: stored.description), \(bind: stored.problem),
                    \(bind: stored.dimensions.joined(separator: ",")), \(bind: stored.horizon.rawValue), \(bind: stored.owner),
                    \(bind: stored.expectedEffect), \(bind: stored.effort.rawValue), \(bind: stored.costEUR), \(bind: stored.status.rawValue),
                    \(bind: stored.statusSince), \(bind: Clock.now()))
            """).run()
        try await relink(sql: sql, stored)
        try await insertChange(sql: sql, StatusChange(id: "", interventionID: stored.id, from: nil, to: stored.status, on: stored.statusSince,
                                                     reason: "", by: by))
        return stored
    }

    public static func updateIntervention(sql: any SQLDatabase, organisationID: String, _ i: Intervention, expected: Int?) async throws -> Int {
        let version = try await VersionedWrites.update(
            sql: sql, table: "interventions", key: "id = \(bind: i.id)", owned: owned(organisationID),
            set: """
                title = \(bind: i.title), description = \(bind: i.description), problem = \(bind: i.problem),
                dimensions = \(bind: i.dimensions.joined(separator: ",")), horizon = \(bind: i.horizon.rawValue), owner = \(bind: i.owner),
                expected_effect = \(bind: i.expectedEffect), effort = \(bind: i.effort.rawValue), cost_eur = \(bind: i.costEUR)
                """, expected: expected)
        try await relink(sql: sql, i)
        return version
    }

    /// Moves the status (naming the version read) and writes the step into the history.
    public static func moveStatus(sql: any SQLDatabase, organisationID: String, _ change: StatusChange, expected: Int?) async throws -> Int {
        let version = try await VersionedWrites.update(
            sql: sql, table: "interventions", key: "id = \(bind: change.interventionID)", owned: owned(organisationID),
            set: "status = \(bind: change.to.rawValue), status_since = \(bind: change.on)", expected: expected)
        try await insertChange(sql: sql, change)
        return version
    }

    static func insertChange(sql: any SQLDatabase, _ change: StatusChange) async throws {
        try await sql.raw("""
            INSERT INTO intervention_status_changes (id, intervention_id, from_status, to_status, changed_on, reason, changed_by, at)
            VALUES (\(bind: Identifier.ordered()), \(bind: change.interventionID), \(bind: change.from?.rawValue), \(bind: change.to.rawValue),
                    \(bind: change.on), \(bind: change.reason), \(bind: change.by), \(bind: Clock.now()))
            """).run()
    }

    /// Replaces the links; each must be a record of the intervention's own trajectory.
    static func relink(sql: any SQLDatabase, _ i: Intervention) async throws {
        var errors: [SamenError] = []
        for (link, ids) in zip(links, [i.insightIDs, i.personaIDs, i.stepIDs]) {
            for id in ids {
                let found = try await sql.raw("\(unsafeRaw: link.source) = \(bind: i.trajectoryID) AND r.id = \(bind: id)").first()
                if found == nil, !errors.contains(where: { $0.field == link.field }) {
                    errors.append(SamenError("link_unknown", kind: .conflict, field: link.field))
                }
            }
        }
        try ValidationErrors.check(errors)
        for (link, ids) in zip(links, [i.insightIDs, i.personaIDs, i.stepIDs]) {
            try await sql.raw("DELETE FROM \(unsafeRaw: link.table) WHERE intervention_id = \(bind: i.id)").run()
            for id in Set(ids) {
                try await sql.raw("INSERT INTO \(unsafeRaw: link.table) (intervention_id, \(unsafeRaw: link.column)) VALUES (\(bind: i.id), \(bind: id))").run()
            }
        }
    }

    public static func deleteIntervention(sql: any SQLDatabase, organisationID: String, id: String, expected: Int?) async throws {
        try await VersionedWrites.delete(sql: sql, table: "interventions", key: "id = \(bind: id)", owned: owned(organisationID), expected: expected)
    }

    /// Its status history, capability needs and scenario ratings go with an intervention; what it links to stays.
    public static func interventionImpact(sql: any SQLDatabase, id: String) async throws -> DeletionImpact {
        DeletionImpact([
            .init(key: "impact_status_changes", count: try await VersionedWrites.count(sql: sql, "intervention_status_changes WHERE intervention_id = \(bind: id)")),
            .init(key: "impact_intervention_needs", count: try await VersionedWrites.count(sql: sql, "intervention_capabilities WHERE intervention_id = \(bind: id)")),
            .init(key: "impact_intervention_ratings", count: try await VersionedWrites.count(sql: sql, "scenario_ratings WHERE intervention_id = \(bind: id)")),
            // Its value outcomes go with it (with their measurements); stored SROI analyses stay, no longer tied to it.
            .init(key: "impact_value_outcomes", count: try await VersionedWrites.count(sql: sql, "value_outcomes WHERE intervention_id = \(bind: id)")),
            .init(key: "impact_sroi_analyses_untied",
                  count: try await VersionedWrites.count(sql: sql, "value_sroi_analyses WHERE intervention_id = \(bind: id)")),
        ])
    }
}
