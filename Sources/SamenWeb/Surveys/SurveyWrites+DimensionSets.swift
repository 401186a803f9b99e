import Foundation
import SamenCore
import SamenStore

/// An organisation's own dimension sets: made as a copy of a visible set, then renamed,
/// redefined or extended. Each save raises the set's version (surveys record the version
/// they were made with), names the row version it read, and is audited.
extension SurveyWrites {
    public func createDimensionSet(_ actor: WriteActor, from sourceID: String, name: String) async throws -> (set: DimensionSet, rowVersion: Int) {
        try actor.require(.runTrajectory)
        try ValidationErrors.check(SurveyRules.checkDimensionName(name, field: "name"))
        return try await database.transaction { sql in
            let set = try await SurveyStore.copyDimensionSet(sql: sql, organisationID: actor.organisationID, from: sourceID,
                                                             name: name.trimmingCharacters(in: .whitespacesAndNewlines))
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: nil, entity: "dimension_set", entityID: set.id,
                                        action: .create, fields: ["name", "dimensions"])
            return (set, try await SurveyRecordWrites.version(sql: sql, table: "survey_dimension_sets",
                                                               organisationID: actor.organisationID, id: set.id))
        }
    }

    /// The set's name and its dimensions in order (`fields` names the form fields per
    /// position, so messages land by the right input). A name in English defaults to the Dutch.
    public func updateDimensionSet(_ actor: WriteActor, id: String, name: String, dimensions: [DimensionDefinition],
                                   expected: Int?, nameField: String = "set_name",
                                   fields: (Int) -> (code: String, name: String) = { ("code_\($0)", "name_nl_\($0)") })
        async throws -> (set: DimensionSet, rowVersion: Int) {
        try actor.require(.runTrajectory)
        var errors = SurveyRules.checkDimensionName(name, field: nameField)
        let clean = dimensions.enumerated().map { index, raw -> DimensionDefinition in
            let code = raw.code.trimmingCharacters(in: .whitespaces), nameNL = raw.nameNL.trimmingCharacters(in: .whitespacesAndNewlines)
            let nameEN = raw.nameEN.trimmingCharacters(in: .whitespacesAndNewlines)
            errors += SurveyRules.checkDimensionCode(code, field: fields(index).code)
            errors += SurveyRules.checkDimensionName(nameNL, field: fields(index).name)
            return DimensionDefinition(code: code, nameNL: nameNL, nameEN: nameEN.isEmpty ? nameNL : nameEN,
                                       definitionNL: raw.definitionNL.trimmingCharacters(in: .whitespacesAndNewlines),
                                       definitionEN: raw.definitionEN.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        try ValidationErrors.check(errors)
        return try await database.transaction { sql in
            guard let before = try await SurveyStore.dimensionSet(sql: sql, organisationID: actor.organisationID, id: id),
                  !before.isDefault else { throw SamenError.notFound }
            let saved = try await SurveyStore.updateDimensionSet(sql: sql, organisationID: actor.organisationID, id: id,
                                                                 name: name.trimmingCharacters(in: .whitespacesAndNewlines),
                                                                 dimensions: clean, expected: expected)
            var changed = before.name == saved.set.name ? [] : ["name"]
            if before.dimensions != saved.set.dimensions { changed.append("dimensions") }
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: nil, entity: "dimension_set", entityID: id,
                                        action: .update, fields: changed)
            return saved
        }
    }
}
