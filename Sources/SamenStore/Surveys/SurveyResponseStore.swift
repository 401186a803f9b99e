import SamenCore
import SQLKit

/// Waves, one-time answer links and answers. Reads of organisation data filter by the
/// organisation id in SQL; a link is found by the hash of its secret token alone (the
/// token is the citizen's only credential).
public struct SurveyResponseStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    // MARK: waves

    public func createWave(organisationID: String, surveyID: String, name: String,
                           startsOn: String?, endsOn: String?) async throws -> SurveyWave {
        try await database.transaction { sql in
            try await Self.createWave(sql: sql, organisationID: organisationID, surveyID: surveyID, name: name,
                                      startsOn: startsOn, endsOn: endsOn)
        }
    }

    /// The same on the connection of the caller's transaction (the use-case audits it there).
    public static func createWave(sql: any SQLDatabase, organisationID: String, surveyID: String, name: String,
                                  startsOn: String?, endsOn: String?) async throws -> SurveyWave {
        guard try await surveyExists(sql: sql, organisationID: organisationID, surveyID: surveyID) else {
            throw SamenError.notFound
        }
        if try await sql.raw("""
            SELECT id FROM survey_waves WHERE survey_id = \(bind: surveyID) AND name = \(bind: name)
            """).first() != nil {
            throw SamenError("wave_name_taken", kind: .conflict, field: "name")
        }
        let wave = SurveyWave(id: Identifier.make(), surveyID: surveyID, name: name, startsOn: startsOn,
                              endsOn: endsOn, createdAt: Clock.now())
        try await sql.raw("""
            INSERT INTO survey_waves (id, survey_id, organisation_id, name, starts_on, ends_on, created_at)
            VALUES (\(bind: wave.id), \(bind: surveyID), \(bind: organisationID), \(bind: name),
                    \(bind: startsOn), \(bind: endsOn), \(bind: wave.createdAt))
            """).run()
        return wave
    }

    /// The survey's waves in time order (`SurveyWave.isEarlier`), never by name.
    public func waves(organisationID: String, surveyID: String) async throws -> [SurveyWave] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT id, survey_id, name, starts_on, ends_on, created_at FROM survey_waves
                WHERE organisation_id = \(bind: organisationID) AND survey_id = \(bind: surveyID)
                """).all().map(Self.decodeWave).inTimeOrder()
        }
    }

    /// The row version of each wave of the survey, by wave id (for `If-Match`).
    public func waveVersions(organisationID: String, surveyID: String) async throws -> [String: Int] {
        try await database.read { sql in
            var versions: [String: Int] = [:]
            for row in try await sql.raw("""
                SELECT id, row_version FROM survey_waves WHERE organisation_id = \(bind: organisationID) AND survey_id = \(bind: surveyID)
                """).all() {
                versions[try row.decode(column: "id", as: String.self)] = try row.decode(column: "row_version", as: Int.self)
            }
            return versions
        }
    }

    public func wave(organisationID: String, surveyID: String, id: String) async throws -> SurveyWave? {
        try await waves(organisationID: organisationID, surveyID: surveyID).first { $0.id == id }
    }

    static func decodeWave(_ row: any SQLRow) throws -> SurveyWave {
        SurveyWave(id: try row.decode(column: "id", as: String.self), surveyID: try row.decode(column: "survey_id", as: String.self),
                   name: try row.decode(column: "name", as: String.self),
                   startsOn: try row.decode(column: "starts_on", as: String?.self),
                   endsOn: try row.decode(column: "ends_on", as: String?.self),
                   createdAt: try row.decode(column: "created_at", as: Int64.self))
    }

    static func surveyExists(sql: any SQLDatabase, organisationID: String, surveyID: String) async throws -> Bool {
        try await sql.raw("""
            SELECT id FROM surveys WHERE id = \(bind: surveyID) AND organisation_id = \(bind: organisationID)
            """).first() != nil
    }

    // MARK: links

    /// Stores the hashes of new one-time links for a wave of the organisation.
    public func createLinks(organisationID: String, surveyID: String, waveID: String, tokenHashes: [String]) async throws {
        try await database.transaction { sql in
            try await Self.createLinks(sql: sql, organisationID: organisationID, surveyID: surveyID, waveID: waveID, tokenHashes: tokenHashes)
        }
    }

    public static func createLinks(sql: any SQLDatabase, organisationID: String, surveyID: String, waveID: String,
                                   tokenHashes: [String]) async throws {
        guard try await sql.raw("""
            SELECT id FROM survey_waves WHERE id = \(bind: waveID) AND survey_id = \(bind: surveyID)
              AND organisation_id = \(bind: organisationID)
            """).first() != nil else { throw SamenError.notFound }
        let now = Clock.now()
        for hash in tokenHashes {
            try await sql.raw("""
                INSERT INTO survey_links (token_hash, wave_id, survey_id, organisation_id, created_at)
                VALUES (\(bind: hash), \(bind: waveID), \(bind: surveyID), \(bind: organisationID), \(bind: now))
                """).run()
        }
    }

    public struct LinkCounts: Sendable, Hashable {
        public let total: Int
        public let used: Int
    }

    public func linkCounts(organisationID: String, waveID: String) async throws -> LinkCounts {
        try await database.read { sql in
            let row = try await sql.raw("""
                SELECT COUNT(*) AS total, COUNT(used_at) AS used FROM survey_links
                WHERE organisation_id = \(bind: organisationID) AND wave_id = \(bind: waveID)
                """).first()
            return LinkCounts(total: try row?.decode(column: "total", as: Int.self) ?? 0,
                              used: try row?.decode(column: "used", as: Int.self) ?? 0)
        }
    }

    public struct Link: Sendable, Hashable {
        public let organisationID: String
        public let surveyID: String
        public let waveID: String
        public let isUsed: Bool
    }

    /// The link with this token hash, used or not; nil when it does not exist.
    public func link(tokenHash: String) async throws -> Link? {
        try await database.read { sql in
            guard let row = try await sql.raw("""
                SELECT organisation_id, survey_id, wave_id, used_at FROM survey_links WHERE token_hash = \(bind: tokenHash)
                """).first() else { return nil }
            return Link(organisationID: try row.decode(column: "organisation_id", as: String.self),
                        surveyID: try row.decode(column: "survey_id", as: String.self),
                        waveID: try row.decode(column: "wave_id", as: String.self),
                        isUsed: try row.decode(column: "used_at", as: Int64?.self) != nil)
        }
    }

    /// Stores the answers given through a link and marks the link used, atomically. A
    /// link answers once: a second submission is `survey_link_used` and stores nothing.
    public func submit(tokenHash: String, sheet: SurveyAnswerSheet) async throws {
        try await database.transaction { sql in
            guard let row = try await sql.raw("""
                UPDATE survey_links SET used_at = \(bind: Clock.now())
                WHERE token_hash = \(bind: tokenHash) AND used_at IS NULL
                RETURNING wave_id
                """).first() else {
                let exists = try await sql.raw("SELECT wave_id FROM survey_links WHERE token_hash = \(bind: tokenHash)").first()
                throw exists == nil ? SamenError.notFound : SamenError("survey_link_used", kind: .conflict)
            }
            try await Self.insert(sql: sql, waveID: try row.decode(column: "wave_id", as: String.self), source: "form", [sheet])
        }
    }

    // MARK: answers

    /// Stores imported answers for a wave of the organisation's survey, all or none.
    public func importAnswers(organisationID: String, surveyID: String, waveID: String, _ sheets: [SurveyAnswerSheet]) async throws {
        try await importAnswers(organisationID: organisationID, surveyID: surveyID, waveID: waveID, count: sheets.count,
                                sheet: { sheets[$0] })
    }

    /// The same for many rows, as sheets (the demo and the tests make them).
    public func importAnswers(organisationID: String, surveyID: String, waveID: String, count: Int,
                              sheet: (Int) -> SurveyAnswerSheet, progress: ((Int) -> Void)? = nil,
                              auditedAs actor: WriteActor? = nil) async throws {
        try await importRows(organisationID: organisationID, surveyID: surveyID, waveID: waveID, count: count,
                             row: { SurveyImportRow(sheet($0)) }, progress: progress, auditedAs: actor)
    }

    /// Stores `count` imported rows in one transaction: all of them or, when any row or
    /// statement fails, none. Each row is made when its batch is written, so a large
    /// import never holds every row at once. With an actor, the audit entry is written in
    /// the same transaction.
    public func importRows(organisationID: String, surveyID: String, waveID: String, count: Int,
                           row: (Int) throws -> SurveyImportRow, progress: ((Int) -> Void)? = nil,
                           auditedAs actor: WriteActor? = nil) async throws {
        try await database.transaction { sql in
            guard try await sql.raw("""
                SELECT id FROM survey_waves WHERE id = \(bind: waveID) AND survey_id = \(bind: surveyID)
                  AND organisation_id = \(bind: organisationID)
                """).first() != nil else { throw SamenError.notFound }
            let bulk = SurveyAnswerBulkInsert(waveID: waveID, source: "import", submittedAt: Clock.now())
            let perStatement = SurveyAnswerBulkInsert.rowsPerStatement(database.kind)
            var batch: [SurveyImportRow] = []
            batch.reserveCapacity(min(count, perStatement))
            var start = 0
            while start < count {
                let end = min(count, start + perStatement)
                batch.removeAll(keepingCapacity: true)
                for index in start..<end { batch.append(try row(index)) }
                try await bulk.insert(sql: sql, batch)
                start = end
                progress?(end)
            }
            if let actor {
                try await AuditStore.record(sql: sql, actor: actor, trajectoryID: nil, entity: "survey_import", entityID: waveID,
                                            action: .create, fields: ["answers"])
            }
        }
    }

    /// One citizen's submission (`submit`): a single row. The wave names the survey and the
    /// organisation (migration 023); the caller read it from the citizen's link.
    static func insert(sql: any SQLDatabase, waveID: String, source: String,
                       _ sheets: some Collection<SurveyAnswerSheet>) async throws {
        guard !sheets.isEmpty else { return }
        for sheet in sheets {
            let row = SurveyImportRow(sheet)
            try await sql.raw("""
                INSERT INTO survey_responses (wave_id, source, answers, channel, persona, district, age_band, nps, ces, mark,
                                              submitted_at)
                VALUES (\(bind: waveID), \(bind: source), \(bind: row.answers), \(bind: row.channel), \(bind: row.persona),
                        \(bind: row.district), \(bind: row.ageBand), \(bind: row.nps), \(bind: row.ces), \(bind: row.mark),
                        \(bind: Clock.now()))
                """).run()
        }
    }

    public func count(organisationID: String, surveyID: String) async throws -> Int {
        try await database.read { sql in try await Self.count(sql: sql, organisationID: organisationID, surveyID: surveyID) }
    }

    static func count(sql: any SQLDatabase, organisationID: String, surveyID: String) async throws -> Int {
        try await sql.raw("""
            SELECT COUNT(*) AS n FROM survey_responses WHERE \(ofSurvey(organisationID: organisationID, surveyID: surveyID))
            """).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// The answers of one survey of one organisation. An answer names only its wave (migration
    /// 023); the wave names the survey and the organisation, so this goes through the waves
    /// (the `survey_waves_survey` and `survey_responses_wave` indexes).
    static func ofSurvey(organisationID: String, surveyID: String) -> SQLQueryString {
        "wave_id IN (SELECT id FROM survey_waves WHERE organisation_id = \(bind: organisationID) AND survey_id = \(bind: surveyID))"
    }

    /// How many answers a survey has and when the latest came in: what changes when its
    /// answers change, so a result computed from them can be kept until then.
    public func answerStamp(organisationID: String, surveyID: String) async throws -> SurveyAnswerStamp {
        try await database.read { sql in
            let row = try await sql.raw("""
                SELECT COUNT(*) AS n, COALESCE(MAX(submitted_at), 0) AS latest, COALESCE(MIN(submitted_at), 0) AS earliest
                FROM survey_responses WHERE \(Self.ofSurvey(organisationID: organisationID, surveyID: surveyID))
                """).first()
            return SurveyAnswerStamp(count: try row?.decode(column: "n", as: Int.self) ?? 0,
                                     earliest: try row?.decode(column: "earliest", as: Int64.self) ?? 0,
                                     latest: try row?.decode(column: "latest", as: Int64.self) ?? 0)
        }
    }

    /// Every answer of the survey as dense columns, in one scan.
    public func answers(organisationID: String, survey: Survey) async throws -> SurveyAnswerColumns {
        try await database.read { sql in
            var columns = SurveyAnswerColumns(itemCount: survey.items.count)
            var waveIndex: [String: Int32] = [:]
            let rows = try await sql.raw("""
                SELECT wave_id, answers, channel, persona, district, age_band, nps, ces, mark FROM survey_responses
                WHERE \(Self.ofSurvey(organisationID: organisationID, surveyID: survey.id))
                ORDER BY submitted_at, id
                """).all()
            for row in rows {
                let wave = try row.decode(column: "wave_id", as: String.self)
                let index = waveIndex[wave] ?? {
                    let next = Int32(columns.waveIDs.count)
                    columns.waveIDs.append(wave)
                    waveIndex[wave] = next
                    return next
                }()
                columns.waveIndex.append(index)
                SurveyAnswerPacking.unpack(try row.decode(column: "answers", as: String.self), into: &columns)
                for question in SegmentQuestion.allCases {
                    columns.segments[question, default: []].append(try row.decode(column: question.rawValue, as: String?.self))
                }
                columns.nps.append(try row.decode(column: "nps", as: Int?.self))
                columns.ces.append(try row.decode(column: "ces", as: Int?.self))
                columns.mark.append(try row.decode(column: "mark", as: Int?.self))
                columns.count += 1
            }
            return columns
        }
    }
}

/// A survey's answers in brief (see `SurveyResponseStore.answerStamp`).
public struct SurveyAnswerStamp: Sendable, Hashable {
    public let count: Int
    public let earliest: Int64
    public let latest: Int64
}
