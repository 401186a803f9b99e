import SamenCore
import SQLKit

/// Edits and deletes of surveys, their waves and dimension sets, on the connection of the
/// caller's transaction (the use-case opens it and writes the audit entry in it). Every
/// statement checks the organisation in SQL and names the row version it read.
public enum SurveyRecordWrites {
    static func owned(_ organisationID: String) -> SQLQueryString { "organisation_id = \(bind: organisationID)" }

    public static func version(sql: any SQLDatabase, table: String, organisationID: String, id: String) async throws -> Int {
        guard let row = try await sql.raw("""
            SELECT row_version FROM \(unsafeRaw: table) WHERE id = \(bind: id) AND organisation_id = \(bind: organisationID)
            """).first() else { throw SamenError.notFound }
        return try row.decode(column: "row_version", as: Int.self)
    }

    // MARK: surveys

    /// The title and the trajectory link; the instrument itself (items, scale) is fixed once made.
    public static func updateSurvey(sql: any SQLDatabase, organisationID: String, id: String, title: String, trajectoryID: String?,
                                    expected: Int?) async throws -> Int {
        if let trajectoryID, try await sql.raw("""
            SELECT id FROM trajectories WHERE id = \(bind: trajectoryID) AND organisation_id = \(bind: organisationID)
            """).first() == nil { throw ValidationErrors([SamenError("trajectory_unknown", kind: .conflict, field: "trajectory_id")]) }
        return try await VersionedWrites.update(sql: sql, table: "surveys", key: "id = \(bind: id)", owned: owned(organisationID),
                                                set: "title = \(bind: title), trajectory_id = \(bind: trajectoryID)", expected: expected)
    }

    /// Items, waves, links and answers go with it (the schema cascades).
    public static func deleteSurvey(sql: any SQLDatabase, organisationID: String, id: String, expected: Int?) async throws {
        try await VersionedWrites.delete(sql: sql, table: "surveys", key: "id = \(bind: id)", owned: owned(organisationID), expected: expected)
    }

    public static func surveyImpact(sql: any SQLDatabase, organisationID: String, id: String) async throws -> DeletionImpact {
        _ = try await version(sql: sql, table: "surveys", organisationID: organisationID, id: id)
        return DeletionImpact([
            .init(key: "impact_waves", count: try await VersionedWrites.count(sql: sql, "survey_waves WHERE survey_id = \(bind: id)")),
            .init(key: "impact_answers", count: try await VersionedWrites.count(sql: sql, "survey_responses WHERE survey_id = \(bind: id)")),
            .init(key: "impact_links", count: try await VersionedWrites.count(sql: sql, "survey_links WHERE survey_id = \(bind: id)")),
        ])
    }

    // MARK: waves

    public static func deleteWave(sql: any SQLDatabase, organisationID: String, surveyID: String, id: String, expected: Int?) async throws {
        try await VersionedWrites.delete(sql: sql, table: "survey_waves", key: "id = \(bind: id) AND survey_id = \(bind: surveyID)",
                                         owned: owned(organisationID), expected: expected)
    }

    public static func waveImpact(sql: any SQLDatabase, organisationID: String, id: String) async throws -> DeletionImpact {
        _ = try await version(sql: sql, table: "survey_waves", organisationID: organisationID, id: id)
        return DeletionImpact([
            .init(key: "impact_answers", count: try await VersionedWrites.count(sql: sql, "survey_responses WHERE wave_id = \(bind: id)")),
            .init(key: "impact_links", count: try await VersionedWrites.count(sql: sql, "survey_links WHERE wave_id = \(bind: id)")),
        ])
    }

    // MARK: dimension sets

    /// The titles of this organisation's surveys made with the set.
    public static func surveysUsing(sql: any SQLDatabase, organisationID: String, setID: String) async throws -> [String] {
        try await sql.raw("""
            SELECT title FROM surveys WHERE dimension_set_id = \(bind: setID) AND organisation_id = \(bind: organisationID) ORDER BY title
            """).all().map { try $0.decode(column: "title", as: String.self) }
    }

    /// Never the default set (it belongs to every organisation), never a set a survey was made with (409).
    public static func deleteDimensionSet(sql: any SQLDatabase, organisationID: String, id: String, expected: Int?) async throws {
        if id == DimensionSet.defaultID { throw SamenError("dimension_set_default", kind: .conflict) }
        if try await !surveysUsing(sql: sql, organisationID: organisationID, setID: id).isEmpty {
            throw SamenError("dimension_set_in_use", kind: .conflict)
        }
        try await VersionedWrites.delete(sql: sql, table: "survey_dimension_sets", key: "id = \(bind: id)", owned: owned(organisationID),
                                         expected: expected)
    }
}
