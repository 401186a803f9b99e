import SamenCore
import SQLKit

/// The community report. A quote can only be chosen from an approved story whose teller
/// consented to publication; the public report reads through the same rule again.
public struct ReportStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public struct Report: Sendable, Equatable {
        public var intro: String
        public var publicToken: String?
        public var quoteIDs: [String]
        public var actions: [String: String]
    }

    public func report(organisationID: String, trajectoryID: String) async throws -> Report {
        try await database.read { sql in
            try await TrajectoryStore.requireOwned(sql: sql, organisationID: organisationID, trajectoryID: trajectoryID)
            return try await Self.load(sql: sql, trajectoryID: trajectoryID)
        }
    }

    static func load(sql: any SQLDatabase, trajectoryID: String) async throws -> Report {
        let head = try await sql.raw("SELECT intro, public_token FROM community_reports WHERE trajectory_id = \(bind: trajectoryID)").first()
        let quotes = try await sql.raw("SELECT highlight_id FROM report_quotes WHERE trajectory_id = \(bind: trajectoryID)").all()
            .map { try $0.decode(column: "highlight_id", as: String.self) }
        var actions: [String: String] = [:]
        for row in try await sql.raw("""
            SELECT a.insight_id, a.we_did FROM report_actions a JOIN insights i ON i.id = a.insight_id WHERE i.trajectory_id = \(bind: trajectoryID)
            """).all() {
            actions[try row.decode(column: "insight_id", as: String.self)] = try row.decode(column: "we_did", as: String.self)
        }
        return Report(intro: try head?.decode(column: "intro", as: String.self) ?? "",
                      publicToken: try head?.decode(column: "public_token", as: String?.self), quoteIDs: quotes.sorted(), actions: actions)
    }

    /// Saves the report in one transaction; refuses any quote without publication consent.
    public func save(organisationID: String, trajectoryID: String, intro: String, quoteIDs: [String], actions: [String: String],
                     publicToken: String?) async throws {
        try await database.transaction { sql in
            try await Self.save(sql: sql, organisationID: organisationID, trajectoryID: trajectoryID, intro: intro, quoteIDs: quoteIDs,
                                actions: actions, publicToken: publicToken)
        }
    }

    /// Replaces the report inside the caller's transaction. Only passages of approved stories
    /// with publication consent can be quoted.
    public static func save(sql: any SQLDatabase, organisationID: String, trajectoryID: String, intro: String, quoteIDs: [String],
                            actions: [String: String], publicToken: String?) async throws {
        try await TrajectoryStore.requireOwned(sql: sql, organisationID: organisationID, trajectoryID: trajectoryID)
        for id in quoteIDs {
            let allowed = try await sql.raw("""
                SELECT h.id FROM highlights h JOIN stories s ON s.id = h.story_id
                WHERE h.id = \(bind: id) AND s.trajectory_id = \(bind: trajectoryID) AND \(StorySQL.mayBePublished())
                """).first()
            guard allowed != nil else { throw SamenError.validation("no_publication_consent", field: "quotes") }
        }
        try await sql.raw("DELETE FROM community_reports WHERE trajectory_id = \(bind: trajectoryID)").run()
        try await sql.raw("""
            INSERT INTO community_reports (trajectory_id, intro, public_token, updated_at)
            VALUES (\(bind: trajectoryID), \(bind: intro), \(bind: publicToken), \(bind: Clock.now()))
            """).run()
        try await sql.raw("DELETE FROM report_quotes WHERE trajectory_id = \(bind: trajectoryID)").run()
        for id in Set(quoteIDs) {
            try await sql.raw("INSERT INTO report_quotes (trajectory_id, highlight_id) VALUES (\(bind: trajectoryID), \(bind: id))").run()
        }
        for (insightID, text) in actions {
            let owned = try await sql.raw("SELECT id FROM insights WHERE id = \(bind: insightID) AND trajectory_id = \(bind: trajectoryID)").first()
            guard owned != nil else { throw SamenError.validation("insight_unknown", field: "actions") }
            try await sql.raw("DELETE FROM report_actions WHERE insight_id = \(bind: insightID)").run()
            try await sql.raw("INSERT INTO report_actions (insight_id, we_did) VALUES (\(bind: insightID), \(bind: text))").run()
        }
    }

    public struct PublicReport: Sendable {
        public var trajectoryID: String
        public var organisationID: String
        public var title: String
        public var report: Report
        /// The chosen quotes that still satisfy the rule (consent may have been withdrawn since).
        public var quotes: [(id: String, text: String)]
    }

    /// The public side, by token: only quotes from approved stories with publication consent.
    public func publicReport(token: String) async throws -> PublicReport? {
        try await database.read { sql in
            guard let row = try await sql.raw("""
                SELECT r.trajectory_id, t.title, t.organisation_id FROM community_reports r JOIN trajectories t ON t.id = r.trajectory_id
                WHERE r.public_token = \(bind: token)
                """).first() else { return nil }
            let trajectoryID = try row.decode(column: "trajectory_id", as: String.self)
            let quotes = try await sql.raw("""
                SELECT h.id, h.quote FROM report_quotes q JOIN highlights h ON h.id = q.highlight_id JOIN stories s ON s.id = h.story_id
                WHERE q.trajectory_id = \(bind: trajectoryID) AND \(StorySQL.mayBePublished())
                ORDER BY h.created_at
                """).all().map { (try $0.decode(column: "id", as: String.self), try $0.decode(column: "quote", as: String.self)) }
            return PublicReport(trajectoryID: trajectoryID, organisationID: try row.decode(column: "organisation_id", as: String.self),
                                title: try row.decode(column: "title", as: String.self),
                                report: try await Self.load(sql: sql, trajectoryID: trajectoryID), quotes: quotes)
        }
    }
}
