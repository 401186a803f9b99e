import SamenCore
import SQLKit

/// Outcomes with their indicator and baseline, per intervention, and their measurements by
/// hand. Reads name the organisation; the sql-level writes are called by `ValueOutcomeWrites`
/// inside their transaction. (Readings from a survey are computed by the web layer from the
/// stored survey answers, not stored here.)
public struct ValueOutcomeStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    static func owned(_ organisationID: String) -> SQLQueryString { TrajectoryRecordWrites.inOrganisation(organisationID) }

    /// Every outcome of a trajectory, oldest first (what a report of the trajectory reads).
    public func outcomes(organisationID: String, trajectoryID: String) async throws -> [ValueOutcome] {
        try await database.read { sql in
            try await Self.outcomes(sql: sql, where: "trajectory_id = \(bind: trajectoryID) AND \(Self.owned(organisationID))")
        }
    }

    public func outcome(organisationID: String, id: String) async throws -> ValueOutcome? {
        try await database.read { sql in
            try await Self.outcomes(sql: sql, where: "id = \(bind: id) AND \(Self.owned(organisationID))").first
        }
    }

    /// Every measurement by hand of a trajectory's outcomes, by outcome and date.
    public func measurements(organisationID: String, trajectoryID: String) async throws -> [ValueMeasurement] {
        try await database.read { sql in
            try await Self.measurements(sql: sql, where: "trajectory_id = \(bind: trajectoryID) AND \(Self.owned(organisationID))")
        }
    }

    public func measurement(organisationID: String, id: String) async throws -> ValueMeasurement? {
        try await database.read { sql in
            try await Self.measurements(sql: sql, where: "id = \(bind: id) AND \(Self.owned(organisationID))").first
        }
    }

    static func outcomes(sql: any SQLDatabase, where condition: SQLQueryString) async throws -> [ValueOutcome] {
        try await sql.raw("SELECT * FROM value_outcomes WHERE \(condition) ORDER BY created_at, id").all().map { row in
            func text(_ c: String) throws -> String { try row.decode(column: c, as: String.self) }
            return ValueOutcome(
                id: try text("id"), trajectoryID: try text("trajectory_id"), interventionID: try text("intervention_id"),
                outcome: try text("outcome"), indicator: try text("indicator"), unit: try text("unit"),
                direction: IndicatorDirection(rawValue: try text("direction")) ?? .higher,
                baselineValue: try row.decode(column: "baseline_value", as: Double?.self), baselineOn: try text("baseline_on"),
                surveyID: try row.decode(column: "survey_id", as: String?.self), dimension: try text("dimension"),
                version: try row.decode(column: "row_version", as: Int.self))
        }
    }

    static func measurements(sql: any SQLDatabase, where condition: SQLQueryString) async throws -> [ValueMeasurement] {
        try await sql.raw("SELECT * FROM value_measurements WHERE \(condition) ORDER BY outcome_id, measured_on, created_at, id").all().map { row in
            ValueMeasurement(
                id: try row.decode(column: "id", as: String.self), outcomeID: try row.decode(column: "outcome_id", as: String.self),
                trajectoryID: try row.decode(column: "trajectory_id", as: String.self), value: try row.decode(column: "value", as: Double.self),
                measuredOn: try row.decode(column: "measured_on", as: String.self), note: try row.decode(column: "note", as: String.self),
                version: try row.decode(column: "row_version", as: Int.self))
        }
    }

    /// What deleting an outcome takes with it: its measurements by hand.
    public func impact(organisationID: String, outcomeID: String) async throws -> DeletionImpact {
        try await database.read { sql in
            let row = try await sql.raw("""
                SELECT COUNT(*) AS n FROM value_measurements WHERE outcome_id = \(bind: outcomeID) AND \(Self.owned(organisationID))
                """).first()
            return DeletionImpact([.init(key: "impact_value_measurements", count: try row?.decode(column: "n", as: Int.self) ?? 0)])
        }
    }

    // MARK: writes

    public static func insert(sql: any SQLDatabase, organisationID: String, _ outcome: ValueOutcome) async throws -> ValueOutcome {
        try await TrajectoryStore.requireOwned(sql: sql, organisationID: organisationID, trajectoryID: outcome.trajectoryID)
        try await requireLinks(sql: sql, outcome)
        var stored = outcome
        stored.id = Identifier.make()
        stored.version = 1
        try await sql.raw("""
            INSERT INTO value_outcomes (id, trajectory_id, intervention_id, outcome, indicator, unit, direction, baseline_value, baseline_on,
                                        survey_id, dimension, created_at)
            VALUES (\(bind: stored.id), \(bind: stored.trajectoryID), \(bind: stored.interventionID), \(bind: stored.outcome),
                    \(bind: stored.indicator), \(bind: stored.unit), \(bind: stored.direction.rawValue), \(bind: stored.baselineValue),
                    \(bind: stored.baselineOn), \(bind: stored.surveyID), \(bind: stored.dimension), \(bind: Clock.now()))
            """).run()
        return stored
    }

    public static func update(sql: any SQLDatabase, organisationID: String, _ o: ValueOutcome, expected: Int?) async throws -> Int {
        try await requireLinks(sql: sql, o)
        return try await VersionedWrites.update(
            sql: sql, table: "value_outcomes", key: "id = \(bind: o.id)", owned: owned(organisationID),
            set: """
                intervention_id = \(bind: o.interventionID), outcome = \(bind: o.outcome), indicator = \(bind: o.indicator),
                unit = \(bind: o.unit), direction = \(bind: o.direction.rawValue), baseline_value = \(bind: o.baselineValue),
                baseline_on = \(bind: o.baselineOn), survey_id = \(bind: o.surveyID), dimension = \(bind: o.dimension)
                """, expected: expected)
    }

    public static func delete(sql: any SQLDatabase, organisationID: String, id: String, expected: Int?) async throws {
        try await VersionedWrites.delete(sql: sql, table: "value_outcomes", key: "id = \(bind: id)", owned: owned(organisationID),
                                         expected: expected)
    }

    /// The intervention and the survey must be the outcome's own trajectory's.
    static func requireLinks(sql: any SQLDatabase, _ o: ValueOutcome) async throws {
        var errors: [SamenError] = []
        if try await sql.raw("""
            SELECT id FROM interventions WHERE id = \(bind: o.interventionID) AND trajectory_id = \(bind: o.trajectoryID)
            """).first() == nil {
            errors.append(SamenError("link_unknown", kind: .conflict, field: "intervention_id"))
        }
        if let survey = o.surveyID, try await sql.raw("""
            SELECT id FROM surveys WHERE id = \(bind: survey) AND trajectory_id = \(bind: o.trajectoryID)
            """).first() == nil {
            errors.append(SamenError("link_unknown", kind: .conflict, field: "survey_id"))
        }
        try ValidationErrors.check(errors)
    }

    public static func insert(sql: any SQLDatabase, organisationID: String, _ m: ValueMeasurement) async throws -> ValueMeasurement {
        try await TrajectoryStore.requireOwned(sql: sql, organisationID: organisationID, trajectoryID: m.trajectoryID)
        var stored = m
        stored.id = Identifier.make()
        stored.version = 1
        try await sql.raw("""
            INSERT INTO value_measurements (id, outcome_id, trajectory_id, value, measured_on, note, created_at)
            VALUES (\(bind: stored.id), \(bind: stored.outcomeID), \(bind: stored.trajectoryID), \(bind: stored.value),
                    \(bind: stored.measuredOn), \(bind: stored.note), \(bind: Clock.now()))
            """).run()
        return stored
    }

    public static func update(sql: any SQLDatabase, organisationID: String, _ m: ValueMeasurement, expected: Int?) async throws -> Int {
        try await VersionedWrites.update(
            sql: sql, table: "value_measurements", key: "id = \(bind: m.id)", owned: owned(organisationID),
            set: "value = \(bind: m.value), measured_on = \(bind: m.measuredOn), note = \(bind: m.note)", expected: expected)
    }

    public static func deleteMeasurement(sql: any SQLDatabase, organisationID: String, id: String, expected: Int?) async throws {
        try await VersionedWrites.delete(sql: sql, table: "value_measurements", key: "id = \(bind: id)", owned: owned(organisationID),
                                         expected: expected)
    }
}
