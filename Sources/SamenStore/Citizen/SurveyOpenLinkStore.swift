import SamenCore
import SQLKit

/// The open link of a survey wave: one reusable link for a poster or a newsletter. Unlike a
/// one-time link its token is public by design, so it is kept in clear and can be shown
/// again; a wave has at most one, and replacing it makes the old address stop working. A
/// browser answers once per wave: the hash of its cookie is stored with the wave when it
/// submits, in the same transaction as the answer.
public struct SurveyOpenLinkStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public struct OpenLink: Sendable, Hashable {
        public let organisationID: String
        public let surveyID: String
        public let waveID: String
        public let token: String
        public let createdAt: Int64
    }

    /// The wave's open link, or nil; only within the organisation.
    public func openLink(organisationID: String, waveID: String) async throws -> OpenLink? {
        try await database.read { sql in
            try await sql.raw("""
                SELECT organisation_id, survey_id, wave_id, token, created_at FROM survey_open_links
                WHERE organisation_id = \(bind: organisationID) AND wave_id = \(bind: waveID)
                """).first().map(Self.decode)
        }
    }

    /// The open link with this token, for the citizen who opens it (the token is the only key).
    public func openLink(token: String) async throws -> OpenLink? {
        try await database.read { sql in
            try await sql.raw("""
                SELECT organisation_id, survey_id, wave_id, token, created_at FROM survey_open_links WHERE token = \(bind: token)
                """).first().map(Self.decode)
        }
    }

    /// Gives the wave a new open link with `token`, replacing the one it had; on the caller's
    /// transaction (the use-case audits it there). 404 when the wave is not the organisation's.
    public static func replace(sql: any SQLDatabase, organisationID: String, surveyID: String, waveID: String,
                               token: String) async throws -> (link: OpenLink, replaced: Bool) {
        guard try await sql.raw("""
            SELECT id FROM survey_waves WHERE id = \(bind: waveID) AND survey_id = \(bind: surveyID)
              AND organisation_id = \(bind: organisationID)
            """).first() != nil else { throw SamenError.notFound }
        let replaced = try await revoke(sql: sql, organisationID: organisationID, surveyID: surveyID, waveID: waveID)
        let link = OpenLink(organisationID: organisationID, surveyID: surveyID, waveID: waveID, token: token, createdAt: Clock.now())
        try await sql.raw("""
            INSERT INTO survey_open_links (wave_id, token, survey_id, organisation_id, created_at)
            VALUES (\(bind: waveID), \(bind: token), \(bind: surveyID), \(bind: organisationID), \(bind: link.createdAt))
            """).run()
        return (link, replaced)
    }

    /// Removes the wave's open link; false when it had none. Answers given through it stay.
    @discardableResult
    public static func revoke(sql: any SQLDatabase, organisationID: String, surveyID: String, waveID: String) async throws -> Bool {
        let existing = try await sql.raw("""
            SELECT token FROM survey_open_links WHERE organisation_id = \(bind: organisationID) AND survey_id = \(bind: surveyID)
              AND wave_id = \(bind: waveID)
            """).first()
        guard existing != nil else { return false }
        try await sql.raw("""
            DELETE FROM survey_open_links WHERE organisation_id = \(bind: organisationID) AND wave_id = \(bind: waveID)
            """).run()
        return true
    }

    /// Whether this browser (the hash of its cookie) has answered the wave already.
    public func hasAnswered(waveID: String, browserHash: String) async throws -> Bool {
        try await database.read { sql in
            try await sql.raw("""
                SELECT wave_id FROM survey_open_link_browsers WHERE wave_id = \(bind: waveID) AND browser_hash = \(bind: browserHash)
                """).first() != nil
        }
    }

    /// How many answers came in through the wave's open links (also those since replaced).
    public func answerCount(organisationID: String, waveID: String) async throws -> Int {
        try await database.read { sql in
            try await sql.raw("""
                SELECT COUNT(*) AS n FROM survey_responses r JOIN survey_waves w ON w.id = r.wave_id
                WHERE w.organisation_id = \(bind: organisationID) AND r.wave_id = \(bind: waveID) AND r.source = 'open'
                """).first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    /// Stores an answer given through the open link `token` and notes the browser, atomically:
    /// 404 when the link does not exist (any more), 409 `survey_open_link_answered` when this
    /// browser answered the wave before (and nothing is stored).
    public func submit(token: String, browserHash: String, sheet: SurveyAnswerSheet) async throws {
        try await database.transaction { sql in
            guard let link = try await sql.raw("""
                SELECT organisation_id, survey_id, wave_id, token, created_at FROM survey_open_links WHERE token = \(bind: token)
                """).first().map(Self.decode) else { throw SamenError.notFound }
            if try await sql.raw("""
                SELECT wave_id FROM survey_open_link_browsers WHERE wave_id = \(bind: link.waveID) AND browser_hash = \(bind: browserHash)
                """).first() != nil {
                throw SamenError("survey_open_link_answered", kind: .conflict)
            }
            try await sql.raw("""
                INSERT INTO survey_open_link_browsers (wave_id, browser_hash, submitted_at)
                VALUES (\(bind: link.waveID), \(bind: browserHash), \(bind: Clock.now()))
                """).run()
            try await SurveyResponseStore.insert(sql: sql, waveID: link.waveID, source: "open", [sheet])
        }
    }

    static func decode(_ row: any SQLRow) throws -> OpenLink {
        OpenLink(organisationID: try row.decode(column: "organisation_id", as: String.self),
                 surveyID: try row.decode(column: "survey_id", as: String.self),
                 waveID: try row.decode(column: "wave_id", as: String.self),
                 token: try row.decode(column: "token", as: String.self),
                 createdAt: try row.decode(column: "created_at", as: Int64.self))
    }
}
