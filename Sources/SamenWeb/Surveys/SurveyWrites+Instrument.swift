import Foundation
import SamenCore
import SamenStore

/// Making and changing the instrument: a survey, its items, waves and one-time links. Each
/// checks the role and the rules, writes in one transaction and audits there.
extension SurveyWrites {
    /// What a new survey is made of, as the form and the API send it (plain text values).
    public struct NewSurveyInput: Sendable {
        public var title: String
        public var trajectoryID: String
        public var dimensionSetID: String
        public var scale: String
        public var itemsPerDimension: String
        public var asksNPS, asksCES, asksMark: Bool
        /// Per segment question, its answers one per line (or separated by commas).
        public var levels: [SegmentQuestion: String]

        public init(title: String, trajectoryID: String = "", dimensionSetID: String = DimensionSet.defaultID,
                    scale: String = String(SurveyScaleOption.default.rawValue), itemsPerDimension: String = "1",
                    asksNPS: Bool = false, asksCES: Bool = false, asksMark: Bool = false, levels: [SegmentQuestion: String] = [:]) {
            self.title = title
            self.trajectoryID = trajectoryID
            self.dimensionSetID = dimensionSetID
            self.scale = scale
            self.itemsPerDimension = itemsPerDimension
            self.asksNPS = asksNPS
            self.asksCES = asksCES
            self.asksMark = asksMark
            self.levels = levels
        }
    }

    public func createSurvey(_ actor: WriteActor, _ input: NewSurveyInput) async throws -> Survey {
        try actor.require(.runTrajectory)
        var errors = SurveyRules.checkTitle(input.title)
        var scale = SurveyScaleOption.default
        switch SurveyRules.checkScale(input.scale) {
        case .success(let chosen): scale = chosen
        case .failure(let error): errors.append(error)
        }
        var itemCount = 1
        switch SurveyRules.checkItemsPerDimension(input.itemsPerDimension) {
        case .success(let count): itemCount = count
        case .failure(let error): errors.append(error)
        }
        var segments: [SurveySegmentQuestion] = []
        for question in SegmentQuestion.allCases {
            let levels = SurveyRules.levels(from: input.levels[question] ?? "")
            errors += SurveyRules.checkLevels(levels, field: "levels_" + question.rawValue)
            segments.append(SurveySegmentQuestion(question: question, levels: levels))
        }
        try ValidationErrors.check(errors)
        let trajectory = input.trajectoryID.trimmingCharacters(in: .whitespaces)
        let new = SurveyStore.NewSurvey(
            title: input.title.trimmingCharacters(in: .whitespacesAndNewlines), trajectoryID: trajectory.isEmpty ? nil : trajectory,
            dimensionSetID: input.dimensionSetID, scale: scale, itemsPerDimension: itemCount, asksNPS: input.asksNPS,
            asksCES: input.asksCES, asksMark: input.asksMark, segments: segments)
        return try await database.transaction { sql in
            let survey = try await SurveyStore.create(sql: sql, organisationID: actor.organisationID, new)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: survey.trajectoryID, entity: "survey", entityID: survey.id,
                                        action: .create, fields: ["title", "dimension_set_id", "scale", "items", "segments"])
            return survey
        }
    }

    /// The wave's name and optional period (yyyy-mm-dd, the end not before the start).
    static func checkWave(name: String, startsOn: String, endsOn: String) throws -> (name: String, start: String?, end: String?) {
        let start = startsOn.trimmingCharacters(in: .whitespaces), end = endsOn.trimmingCharacters(in: .whitespaces)
        // Two valid dates in the wrong order: a rule between fields, which a request schema
        // cannot state, so a conflict (the API's 409 `rule_conflict`; on a page, the message by the field).
        let period = SurveyRules.checkPeriod(start: start, end: end).map {
            $0.code == "wave_period_reversed" ? SamenError($0.code, kind: .conflict, field: $0.field) : $0
        }
        try ValidationErrors.check(SurveyRules.checkWaveName(name) + period)
        return (name.trimmingCharacters(in: .whitespacesAndNewlines), start.isEmpty ? nil : start, end.isEmpty ? nil : end)
    }

    public func createWave(_ actor: WriteActor, surveyID: String, name: String, startsOn: String, endsOn: String) async throws -> SurveyWave {
        try actor.require(.runTrajectory)
        let clean = try Self.checkWave(name: name, startsOn: startsOn, endsOn: endsOn)
        return try await database.transaction { sql in
            let wave = try await SurveyResponseStore.createWave(sql: sql, organisationID: actor.organisationID, surveyID: surveyID,
                                                                name: clean.name, startsOn: clean.start, endsOn: clean.end)
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: nil, entity: "survey_wave", entityID: wave.id,
                                        action: .create, fields: ["name", "starts_on", "ends_on"])
            return wave
        }
    }

    /// A new name or period, naming the version read: 412/409 when someone saved first.
    public func updateWave(_ actor: WriteActor, surveyID: String, id: String, name: String, startsOn: String, endsOn: String,
                           expected: Int?) async throws -> (wave: SurveyWave, version: Int) {
        try actor.require(.runTrajectory)
        let clean = try Self.checkWave(name: name, startsOn: startsOn, endsOn: endsOn)
        return try await database.transaction { sql in
            guard let (before, _) = try await SurveyRecordWrites.wave(sql: sql, organisationID: actor.organisationID, surveyID: surveyID, id: id)
            else { throw SamenError.notFound }
            let version = try await SurveyRecordWrites.updateWave(sql: sql, organisationID: actor.organisationID, surveyID: surveyID, id: id,
                                                                  name: clean.name, startsOn: clean.start, endsOn: clean.end, expected: expected)
            var after = before
            after.name = clean.name
            after.startsOn = clean.start
            after.endsOn = clean.end
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: nil, entity: "survey_wave", entityID: id, action: .update,
                                        fields: AuditEntry.changes(before: Self.values(before), after: Self.values(after)))
            return (after, version)
        }
    }

    static func values(_ wave: SurveyWave) -> [String: String] {
        ["name": wave.name, "starts_on": wave.startsOn ?? "", "ends_on": wave.endsOn ?? ""]
    }

    /// The wave with its row version; 404 when it is not a wave of this organisation's survey.
    public func wave(_ actor: WriteActor, surveyID: String, id: String) async throws -> (wave: SurveyWave, version: Int) {
        try await database.read { sql in
            guard let found = try await SurveyRecordWrites.wave(sql: sql, organisationID: actor.organisationID, surveyID: surveyID, id: id)
            else { throw SamenError.notFound }
            return found
        }
    }

    /// Makes `count` one-time links (1–500) and returns their secret codes (`SurveyLinkCode`);
    /// only their hashes are stored.
    public func createLinks(_ actor: WriteActor, surveyID: String, waveID: String, count: String) async throws -> [String] {
        try actor.require(.runTrajectory)
        guard let number = Int(count.trimmingCharacters(in: .whitespaces)), (1...500).contains(number) else {
            throw ValidationErrors([.validation("link_count_invalid", field: "count")])
        }
        let tokens = (0..<number).map { _ in SurveyLinkCode.make() }
        try await database.transaction { sql in
            try await SurveyResponseStore.createLinks(sql: sql, organisationID: actor.organisationID, surveyID: surveyID, waveID: waveID,
                                                      tokenHashes: tokens.map(Secrets.sha256))
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: nil, entity: "survey_links", entityID: waveID,
                                        action: .create, fields: ["count"])
        }
        return tokens
    }

    /// Rewords items (Dutch required, English defaults to it, both at most 300 characters) and
    /// sets reverse-coding. Only while no answers exist: then 409 `survey_has_answers`.
    public func updateItems(_ actor: WriteActor, surveyID: String, _ items: [SurveyStore.ItemChange], expected: Int?) async throws -> Survey {
        try actor.require(.runTrajectory)
        // Answered items are fixed whatever was typed: say that first (checked again in the transaction).
        if try await SurveyResponseStore(database: database).count(organisationID: actor.organisationID, surveyID: surveyID) > 0 {
            throw ValidationErrors([SamenError("survey_has_answers", kind: .conflict, field: "items")])
        }
        var errors: [SamenError] = []
        let changes = items.map { item -> SurveyStore.ItemChange in
            let textNL = item.textNL.trimmingCharacters(in: .whitespacesAndNewlines)
            let textEN = item.textEN.trimmingCharacters(in: .whitespacesAndNewlines)
            if textNL.isEmpty || textNL.count > 300 { errors.append(.validation("item_text_invalid", field: "text_nl_\(item.id)")) }
            if textEN.count > 300 { errors.append(.validation("item_text_invalid", field: "text_en_\(item.id)")) }
            return .init(id: item.id, textNL: textNL, textEN: textEN.isEmpty ? textNL : textEN, isReverseCoded: item.isReverseCoded)
        }
        try ValidationErrors.check(errors)
        return try await database.transaction { sql in
            _ = try await SurveyRecordWrites.updateItems(sql: sql, organisationID: actor.organisationID, surveyID: surveyID, changes,
                                                         expected: expected)
            guard let after = try await SurveyStore.survey(sql: sql, organisationID: actor.organisationID, id: surveyID) else {
                throw SamenError.notFound
            }
            try await AuditStore.record(sql: sql, actor: actor, trajectoryID: after.trajectoryID, entity: "survey_items", entityID: surveyID,
                                        action: .update, fields: ["text_nl", "text_en", "reverse_coded"])
            return after
        }
    }
}
