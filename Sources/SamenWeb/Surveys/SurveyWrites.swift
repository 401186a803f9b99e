import Foundation
import SamenCore
import SamenStore

/// Edits and deletes of surveys, waves and dimension sets, shared by the web pages and the
/// API: the role check, the rules, one transaction and the audit entry. (Creating surveys,
/// waves and imports stays in `SurveyService`; item wording is refused once answers exist.)
public struct SurveyWrites: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The title and the trajectory link (empty: none).
    public func updateSurvey(_ actor: WriteActor, id: String, title: String, trajectoryID: String, expected: Int?) async throws -> Survey {
        try actor.require(.runTrajectory)
        try ValidationErrors.check(SurveyRules.checkTitle(title))
        let clean = title.trimmingCharacters(in: .whitespacesAndNewlines)
        let link = trajectoryID.trimmingCharacters(in: .whitespaces).isEmpty ? nil : trajectoryID.trimmingCharacters(in: .whitespaces)
        return try await database.transaction { sql in
            guard let before = try await SurveyStore.survey(sql: sql, organisationID: actor.organisationID, id: id) else { throw SamenError.notFound }
            _ = try await SurveyRecordWrites.updateSurvey(sql: sql, organisationID: actor.organisationID, id: id, title: clean,
                                                          trajectoryID: link, expected: expected)
            guard let after = try await SurveyStore.survey(sql: sql, organisationID: actor.organisationID, id: id) else { throw SamenError.notFound }
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: after.trajectoryID ?? before.trajectoryID, entity: "survey",
                                        entityID: id, action: .update,
                                        fields: AuditEntry.changes(before: ["title": before.title, "trajectory_id": before.trajectoryID ?? ""],
                                                                   after: ["title": after.title, "trajectory_id": after.trajectoryID ?? ""]))
            return after
        }
    }

    public func deleteSurvey(_ actor: WriteActor, id: String, expected: Int?) async throws {
        try actor.require(.runTrajectory)
        try await database.transaction { sql in
            guard let survey = try await SurveyStore.survey(sql: sql, organisationID: actor.organisationID, id: id) else { throw SamenError.notFound }
            try await SurveyRecordWrites.deleteSurvey(sql: sql, organisationID: actor.organisationID, id: id, expected: expected)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: survey.trajectoryID, entity: "survey", entityID: id, action: .delete)
        }
    }

    public func surveyImpact(_ actor: WriteActor, id: String) async throws -> DeletionImpact {
        try await database.read { sql in try await SurveyRecordWrites.surveyImpact(sql: sql, organisationID: actor.organisationID, id: id) }
    }

    public func waveVersion(_ actor: WriteActor, id: String) async throws -> Int {
        try await database.read { sql in
            try await SurveyRecordWrites.version(sql: sql, table: "survey_waves", organisationID: actor.organisationID, id: id)
        }
    }

    /// The wave's answers and links go with it.
    public func deleteWave(_ actor: WriteActor, surveyID: String, id: String, expected: Int?) async throws {
        try actor.require(.runTrajectory)
        try await database.transaction { sql in
            try await SurveyRecordWrites.deleteWave(sql: sql, organisationID: actor.organisationID, surveyID: surveyID, id: id, expected: expected)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: nil, entity: "survey_wave", entityID: id, action: .delete)
        }
    }

    public func waveImpact(_ actor: WriteActor, id: String) async throws -> DeletionImpact {
        try await database.read { sql in try await SurveyRecordWrites.waveImpact(sql: sql, organisationID: actor.organisationID, id: id) }
    }

    public func dimensionSetVersion(_ actor: WriteActor, id: String) async throws -> Int {
        try await database.read { sql in
            try await SurveyRecordWrites.version(sql: sql, table: "survey_dimension_sets", organisationID: actor.organisationID, id: id)
        }
    }

    /// The surveys made with a set, by title: why it cannot go.
    public func surveysUsing(_ actor: WriteActor, setID: String) async throws -> [String] {
        try await database.read { sql in try await SurveyRecordWrites.surveysUsing(sql: sql, organisationID: actor.organisationID, setID: setID) }
    }

    /// Refused for the default set (409 `dimension_set_default`) and for a set in use (409 `dimension_set_in_use`).
    public func deleteDimensionSet(_ actor: WriteActor, id: String, expected: Int?) async throws {
        try actor.require(.runTrajectory)
        try await database.transaction { sql in
            try await SurveyRecordWrites.deleteDimensionSet(sql: sql, organisationID: actor.organisationID, id: id, expected: expected)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: nil, entity: "dimension_set", entityID: id, action: .delete)
        }
    }
}
