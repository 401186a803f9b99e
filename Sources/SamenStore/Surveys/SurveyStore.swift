import SamenCore
import SQLKit

/// Dimension sets and survey instruments. Every read takes the organisation id and
/// filters by it in SQL; the default dimension set (no organisation) is readable by all.
public struct SurveyStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    // MARK: dimension sets

    /// The default set and the organisation's own sets, default first.
    public func dimensionSets(organisationID: String) async throws -> [DimensionSet] {
        try await database.read { sql in
            let rows = try await sql.raw("""
                SELECT id, organisation_id, name, source, version FROM survey_dimension_sets
                WHERE organisation_id IS NULL OR organisation_id = \(bind: organisationID)
                ORDER BY CASE WHEN organisation_id IS NULL THEN 0 ELSE 1 END, created_at, name
                """).all()
            var sets: [DimensionSet] = []
            for row in rows { sets.append(try await Self.decodeSet(row, sql: sql)) }
            return sets
        }
    }

    public func dimensionSet(organisationID: String, id: String) async throws -> DimensionSet? {
        try await database.read { sql in try await Self.dimensionSet(sql: sql, organisationID: organisationID, id: id) }
    }

    public static func dimensionSet(sql: any SQLDatabase, organisationID: String, id: String) async throws -> DimensionSet? {
        guard let row = try await sql.raw("""
            SELECT id, organisation_id, name, source, version FROM survey_dimension_sets
            WHERE id = \(bind: id) AND (organisation_id IS NULL OR organisation_id = \(bind: organisationID))
            """).first() else { return nil }
        return try await decodeSet(row, sql: sql)
    }

    /// The row version of each of the organisation's own dimension sets, by id (for the save forms and `If-Match`).
    public func dimensionSetRowVersions(organisationID: String) async throws -> [String: Int] {
        try await database.read { sql in
            var versions: [String: Int] = [:]
            for row in try await sql.raw("""
                SELECT id, row_version FROM survey_dimension_sets WHERE organisation_id = \(bind: organisationID)
                """).all() {
                versions[try row.decode(column: "id", as: String.self)] = try row.decode(column: "row_version", as: Int.self)
            }
            return versions
        }
    }

    /// A new set of the organisation's own, starting as a copy of another visible set.
    public func copyDimensionSet(organisationID: String, from sourceID: String, name: String) async throws -> DimensionSet {
        try await database.transaction { sql in
            try await Self.copyDimensionSet(sql: sql, organisationID: organisationID, from: sourceID, name: name)
        }
    }

    public static func copyDimensionSet(sql: any SQLDatabase, organisationID: String, from sourceID: String,
                                        name: String) async throws -> DimensionSet {
        guard let source = try await dimensionSet(sql: sql, organisationID: organisationID, id: sourceID) else {
            throw SamenError.notFound
        }
        let set = DimensionSet(id: Identifier.make(), organisationID: organisationID, name: name,
                               source: "\(source.source); \(source.name) v\(source.version)", version: 1,
                               dimensions: source.dimensions)
        try await sql.raw("""
            INSERT INTO survey_dimension_sets (id, organisation_id, name, source, version, created_at)
            VALUES (\(bind: set.id), \(bind: organisationID), \(bind: name), \(bind: set.source), 1, \(bind: Clock.now()))
            """).run()
        try await insertDimensions(sql: sql, setID: set.id, set.dimensions)
        return set
    }

    /// Replaces the dimensions of one of the organisation's own sets and raises its version.
    /// The default set cannot be changed (404: it is not the organisation's).
    public func updateDimensionSet(organisationID: String, id: String, name: String,
                                   dimensions: [DimensionDefinition]) async throws -> DimensionSet {
        do {
            return try await database.transaction { sql in
                try await Self.updateDimensionSet(sql: sql, organisationID: organisationID, id: id, name: name,
                                                  dimensions: dimensions, expected: nil).set
            }
        } catch let errors as ValidationErrors where errors.errors.count == 1 {
            throw errors.errors[0]
        }
    }

    /// The same on the caller's transaction, naming the row version it read (`expected`);
    /// returns the set and its new row version. Two dimensions with one code: 409
    /// `dimension_code_duplicate` (a rule between entries, not the shape of one).
    public static func updateDimensionSet(sql: any SQLDatabase, organisationID: String, id: String, name: String,
                                          dimensions: [DimensionDefinition], expected: Int?) async throws -> (set: DimensionSet, rowVersion: Int) {
        guard let current = try await dimensionSet(sql: sql, organisationID: organisationID, id: id),
              current.organisationID == organisationID else { throw SamenError.notFound }
        var codes = Set<String>()
        for (index, dimension) in dimensions.enumerated() where !codes.insert(dimension.code).inserted {
            throw ValidationErrors([SamenError("dimension_code_duplicate", kind: .conflict, field: "code_\(index)")])
        }
        let rowVersion = try await VersionedWrites.update(
            sql: sql, table: "survey_dimension_sets", key: "id = \(bind: id)", owned: "organisation_id = \(bind: organisationID)",
            set: "name = \(bind: name), version = version + 1", expected: expected)
        try await sql.raw("DELETE FROM survey_dimensions WHERE set_id = \(bind: id)").run()
        try await insertDimensions(sql: sql, setID: id, dimensions)
        var updated = current
        updated.name = name
        updated.version += 1
        updated.dimensions = dimensions
        return (updated, rowVersion)
    }

    static func insertDimensions(sql: any SQLDatabase, setID: String, _ dimensions: [DimensionDefinition]) async throws {
        for (position, dimension) in dimensions.enumerated() {
            try await sql.raw("""
                INSERT INTO survey_dimensions (set_id, code, position, name_nl, name_en, definition_nl, definition_en)
                VALUES (\(bind: setID), \(bind: dimension.code), \(bind: position), \(bind: dimension.nameNL),
                        \(bind: dimension.nameEN), \(bind: dimension.definitionNL), \(bind: dimension.definitionEN))
                """).run()
        }
    }

    static func decodeSet(_ row: any SQLRow, sql: any SQLDatabase) async throws -> DimensionSet {
        let id = try row.decode(column: "id", as: String.self)
        let dimensions = try await sql.raw("""
            SELECT code, name_nl, name_en, definition_nl, definition_en FROM survey_dimensions
            WHERE set_id = \(bind: id) ORDER BY position
            """).all().map { row in
            DimensionDefinition(
                code: try row.decode(column: "code", as: String.self),
                nameNL: try row.decode(column: "name_nl", as: String.self),
                nameEN: try row.decode(column: "name_en", as: String.self),
                definitionNL: try row.decode(column: "definition_nl", as: String.self),
                definitionEN: try row.decode(column: "definition_en", as: String.self))
        }
        return DimensionSet(
            id: id, organisationID: try row.decode(column: "organisation_id", as: String?.self),
            name: try row.decode(column: "name", as: String.self), source: try row.decode(column: "source", as: String.self),
            version: try row.decode(column: "version", as: Int.self), dimensions: dimensions)
    }

    // MARK: surveys

    public struct NewSurvey: Sendable {
        public var title: String
        public var trajectoryID: String?
        public var dimensionSetID: String
        public var scale: SurveyScaleOption
        public var itemsPerDimension: Int
        public var asksNPS: Bool
        public var asksCES: Bool
        public var asksMark: Bool
        public var segments: [SurveySegmentQuestion]

        public init(title: String, trajectoryID: String? = nil, dimensionSetID: String = DimensionSet.defaultID,
                    scale: SurveyScaleOption = .default, itemsPerDimension: Int = 1, asksNPS: Bool = false,
                    asksCES: Bool = false, asksMark: Bool = false, segments: [SurveySegmentQuestion] = []) {
            self.title = title
            self.trajectoryID = trajectoryID
            self.dimensionSetID = dimensionSetID
            self.scale = scale
            self.itemsPerDimension = itemsPerDimension
            self.asksNPS = asksNPS
            self.asksCES = asksCES
            self.asksMark = asksMark
            self.segments = segments
        }
    }

    /// Creates a survey with `itemsPerDimension` items for every dimension of the chosen set.
    public func create(organisationID: String, _ new: NewSurvey) async throws -> Survey {
        try await database.transaction { sql in try await Self.create(sql: sql, organisationID: organisationID, new) }
    }

    /// The same on the connection of the caller's transaction (the use-case audits it there).
    public static func create(sql: any SQLDatabase, organisationID: String, _ new: NewSurvey) async throws -> Survey {
        if let trajectoryID = new.trajectoryID {
            let owned = try await sql.raw("""
                SELECT id FROM trajectories WHERE id = \(bind: trajectoryID) AND organisation_id = \(bind: organisationID)
                """).first()
            guard owned != nil else { throw ValidationErrors([SamenError("trajectory_unknown", kind: .conflict, field: "trajectory")]) }
        }
        guard let set = try await dimensionSet(sql: sql, organisationID: organisationID, id: new.dimensionSetID) else {
            throw SamenError.validation("dimension_set_unknown", field: "dimension_set")
        }
        var items: [SurveyItem] = []
        for dimension in set.dimensions {
            for number in 1...max(1, new.itemsPerDimension) {
                items.append(SurveyItem(
                    id: Identifier.make(), dimensionCode: dimension.code, number: number,
                    textNL: SurveyRules.defaultItemText(dimension, number: number, .nl),
                    textEN: SurveyRules.defaultItemText(dimension, number: number, .en), isReverseCoded: false))
            }
        }
        let segments = SegmentQuestion.allCases.map { question in
            new.segments.first { $0.question == question } ?? SurveySegmentQuestion(question: question, levels: [])
        }
        let survey = Survey(
            id: Identifier.make(), organisationID: organisationID, trajectoryID: new.trajectoryID,
            title: new.title, dimensionSetID: set.id, dimensionSetVersion: set.version, scale: new.scale,
            asksNPS: new.asksNPS, asksCES: new.asksCES, asksMark: new.asksMark, createdAt: Clock.now(),
            items: items, segments: segments)
        try await sql.raw("""
            INSERT INTO surveys (id, organisation_id, trajectory_id, title, dimension_set_id, dimension_set_version,
                                 scale_max, asks_nps, asks_ces, asks_mark, created_at)
            VALUES (\(bind: survey.id), \(bind: organisationID), \(bind: survey.trajectoryID), \(bind: survey.title),
                    \(bind: set.id), \(bind: set.version), \(bind: survey.scale.rawValue), \(bind: survey.asksNPS ? 1 : 0),
                    \(bind: survey.asksCES ? 1 : 0), \(bind: survey.asksMark ? 1 : 0), \(bind: survey.createdAt))
            """).run()
        for (position, item) in items.enumerated() {
            try await sql.raw("""
                INSERT INTO survey_items (id, survey_id, position, dimension_code, number, text_nl, text_en, reverse_coded)
                VALUES (\(bind: item.id), \(bind: survey.id), \(bind: position), \(bind: item.dimensionCode),
                        \(bind: item.number), \(bind: item.textNL), \(bind: item.textEN), 0)
                """).run()
        }
        for (position, segment) in segments.enumerated() {
            try await sql.raw("""
                INSERT INTO survey_segment_questions (survey_id, code, position, levels)
                VALUES (\(bind: survey.id), \(bind: segment.question.rawValue), \(bind: position),
                        \(bind: segment.levels.joined(separator: "\n")))
                """).run()
        }
        return survey
    }

    public func surveys(organisationID: String) async throws -> [Survey] {
        try await database.read { sql in
            let ids = try await sql.raw("""
                SELECT id FROM surveys WHERE organisation_id = \(bind: organisationID) ORDER BY created_at DESC, title
                """).all().map { try $0.decode(column: "id", as: String.self) }
            var surveys: [Survey] = []
            for id in ids {
                if let survey = try await Self.survey(sql: sql, organisationID: organisationID, id: id) { surveys.append(survey) }
            }
            return surveys
        }
    }

    public func survey(organisationID: String, id: String) async throws -> Survey? {
        try await database.read { sql in try await Self.survey(sql: sql, organisationID: organisationID, id: id) }
    }

    public static func survey(sql: any SQLDatabase, organisationID: String, id: String) async throws -> Survey? {
        guard let row = try await sql.raw("""
            SELECT id, organisation_id, trajectory_id, title, dimension_set_id, dimension_set_version, scale_max,
                   asks_nps, asks_ces, asks_mark, created_at, row_version
            FROM surveys WHERE id = \(bind: id) AND organisation_id = \(bind: organisationID)
            """).first() else { return nil }
        let items = try await sql.raw("""
            SELECT id, dimension_code, number, text_nl, text_en, reverse_coded FROM survey_items
            WHERE survey_id = \(bind: id) ORDER BY position
            """).all().map { row in
            SurveyItem(id: try row.decode(column: "id", as: String.self),
                       dimensionCode: try row.decode(column: "dimension_code", as: String.self),
                       number: try row.decode(column: "number", as: Int.self),
                       textNL: try row.decode(column: "text_nl", as: String.self),
                       textEN: try row.decode(column: "text_en", as: String.self),
                       isReverseCoded: try row.decode(column: "reverse_coded", as: Int.self) != 0)
        }
        let segments = try await sql.raw("""
            SELECT code, levels FROM survey_segment_questions WHERE survey_id = \(bind: id) ORDER BY position
            """).all().compactMap { row -> SurveySegmentQuestion? in
            guard let question = SegmentQuestion(rawValue: try row.decode(column: "code", as: String.self)) else { return nil }
            let levels = try row.decode(column: "levels", as: String.self).split(separator: "\n").map(String.init)
            return SurveySegmentQuestion(question: question, levels: levels)
        }
        return Survey(
            id: id, organisationID: organisationID, trajectoryID: try row.decode(column: "trajectory_id", as: String?.self),
            title: try row.decode(column: "title", as: String.self),
            dimensionSetID: try row.decode(column: "dimension_set_id", as: String.self),
            dimensionSetVersion: try row.decode(column: "dimension_set_version", as: Int.self),
            scale: SurveyScaleOption(rawValue: try row.decode(column: "scale_max", as: Int.self)) ?? .default,
            asksNPS: try row.decode(column: "asks_nps", as: Int.self) != 0,
            asksCES: try row.decode(column: "asks_ces", as: Int.self) != 0,
            asksMark: try row.decode(column: "asks_mark", as: Int.self) != 0,
            createdAt: try row.decode(column: "created_at", as: Int64.self), items: items, segments: segments,
            version: try row.decode(column: "row_version", as: Int.self))
    }

    public struct ItemChange: Sendable {
        public var id: String
        public var textNL: String
        public var textEN: String
        public var isReverseCoded: Bool

        public init(id: String, textNL: String, textEN: String, isReverseCoded: Bool) {
            self.id = id
            self.textNL = textNL
            self.textEN = textEN
            self.isReverseCoded = isReverseCoded
        }
    }

    /// Rewords items and sets reverse-coding (`SurveyRecordWrites.updateItems`); refused once answers exist.
    public func updateItems(organisationID: String, surveyID: String, _ changes: [ItemChange]) async throws {
        do {
            _ = try await database.transaction { sql in
                try await SurveyRecordWrites.updateItems(sql: sql, organisationID: organisationID, surveyID: surveyID, changes, expected: nil)
            }
        } catch let errors as ValidationErrors where errors.errors.count == 1 {
            throw errors.errors[0]
        }
    }
}
