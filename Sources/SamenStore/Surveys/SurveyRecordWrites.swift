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
            .init(key: "impact_answers", count: try await VersionedWrites.count(sql: sql, "survey_responses WHERE wave_id IN (SELECT id FROM survey_waves WHERE survey_id = \(bind: id))")),
            .init(key: "impact_links", count: try await VersionedWrites.count(sql: sql, "survey_links WHERE survey_id = \(bind: id)")),
        ])
    }

    /// Rewords items and sets reverse-coding, naming the survey version it read (the version
    /// goes up). Refused once answers exist: they were given to the wording and direction as
    /// it was (409 `survey_has_answers`, nothing changes).
    public static func updateItems(sql: any SQLDatabase, organisationID: String, surveyID: String,
                                   _ changes: [SurveyStore.ItemChange], expected: Int?) async throws -> Int {
        guard let survey = try await SurveyStore.survey(sql: sql, organisationID: organisationID, id: surveyID) else {
            throw SamenError.notFound
        }
        if try await SurveyResponseStore.count(sql: sql, organisationID: organisationID, surveyID: surveyID) > 0 {
            throw ValidationErrors([SamenError("survey_has_answers", kind: .conflict, field: "items")])
        }
        let known = Set(survey.items.map(\.id))
        // Which items exist is stored state, not the shape of the request: a conflict (409).
        guard changes.allSatisfy({ known.contains($0.id) }) else {
            throw ValidationErrors([SamenError("item_unknown", kind: .conflict, field: "items")])
        }
        let version = try await VersionedWrites.update(sql: sql, table: "surveys", key: "id = \(bind: surveyID)", owned: owned(organisationID),
                                                       set: "title = title", expected: expected)
        for change in changes {
            try await sql.raw("""
                UPDATE survey_items SET text_nl = \(bind: change.textNL), text_en = \(bind: change.textEN),
                       reverse_coded = \(bind: change.isReverseCoded ? 1 : 0)
                WHERE id = \(bind: change.id) AND survey_id = \(bind: surveyID)
                """).run()
        }
        return version
    }

    // MARK: waves

    public static func deleteWave(sql: any SQLDatabase, organisationID: String, surveyID: String, id: String, expected: Int?) async throws {
        try await VersionedWrites.delete(sql: sql, table: "survey_waves", key: "id = \(bind: id) AND survey_id = \(bind: surveyID)",
                                         owned: owned(organisationID), expected: expected)
    }

    /// The wave with its row version, on the caller's connection.
    public static func wave(sql: any SQLDatabase, organisationID: String, surveyID: String, id: String) async throws -> (SurveyWave, Int)? {
        guard let row = try await sql.raw("""
            SELECT id, survey_id, name, starts_on, ends_on, created_at, row_version FROM survey_waves
            WHERE id = \(bind: id) AND survey_id = \(bind: surveyID) AND organisation_id = \(bind: organisationID)
            """).first() else { return nil }
        return (try SurveyResponseStore.decodeWave(row), try row.decode(column: "row_version", as: Int.self))
    }

    /// A new name or period; a name another wave of the survey has is 409 `wave_name_taken`.
    public static func updateWave(sql: any SQLDatabase, organisationID: String, surveyID: String, id: String, name: String,
                                  startsOn: String?, endsOn: String?, expected: Int?) async throws -> Int {
        if try await sql.raw("""
            SELECT id FROM survey_waves WHERE survey_id = \(bind: surveyID) AND name = \(bind: name) AND id <> \(bind: id)
            """).first() != nil {
            throw SamenError("wave_name_taken", kind: .conflict, field: "name")
        }
        return try await VersionedWrites.update(sql: sql, table: "survey_waves", key: "id = \(bind: id) AND survey_id = \(bind: surveyID)",
                                                owned: owned(organisationID),
                                                set: "name = \(bind: name), starts_on = \(bind: startsOn), ends_on = \(bind: endsOn)",
                                                expected: expected)
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
