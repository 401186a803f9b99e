import SamenCore
import SQLKit

/// Story links, stories and interviews. Team reads filter by organisation in SQL; the
/// public side reaches a story only through an unguessable link token or receipt hash.
public struct StoryStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public struct Link: Sendable, Equatable {
        public var id: String
        public var trajectoryID: String
        public var token: String
        public var title: String
        public var questions: [String]
        public var isOpen: Bool
    }

    public func createLink(organisationID: String, trajectoryID: String, token: String, title: String, questions: [String]) async throws -> Link {
        try await database.transaction { sql in
            try await TrajectoryStore.requireOwned(sql: sql, organisationID: organisationID, trajectoryID: trajectoryID)
            let link = Link(id: Identifier.make(), trajectoryID: trajectoryID, token: token, title: title, questions: questions, isOpen: true)
            try await sql.raw("""
                INSERT INTO story_links (id, trajectory_id, token, title, questions, is_open, created_at)
                VALUES (\(bind: link.id), \(bind: trajectoryID), \(bind: token), \(bind: title),
                        \(bind: questions.joined(separator: "\n")), 1, \(bind: Clock.now()))
                """).run()
            return link
        }
    }

    public func links(organisationID: String, trajectoryID: String) async throws -> [Link] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT l.* FROM story_links l JOIN trajectories t ON t.id = l.trajectory_id
                WHERE l.trajectory_id = \(bind: trajectoryID) AND t.organisation_id = \(bind: organisationID) ORDER BY l.created_at
                """).all().map(Self.decodeLink)
        }
    }

    /// The public side: a link by its token (nil when unknown).
    public func link(token: String) async throws -> Link? {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM story_links WHERE token = \(bind: token)").first().map(Self.decodeLink)
        }
    }

    public func setLinkOpen(organisationID: String, linkID: String, open: Bool) async throws {
        try await database.transaction { sql in
            let owned = try await sql.raw("""
                SELECT l.id FROM story_links l JOIN trajectories t ON t.id = l.trajectory_id
                WHERE l.id = \(bind: linkID) AND t.organisation_id = \(bind: organisationID)
                """).first()
            guard owned != nil else { throw SamenError.notFound }
            try await sql.raw("UPDATE story_links SET is_open = \(bind: open ? 1 : 0) WHERE id = \(bind: linkID)").run()
        }
    }

    public struct NewStory: Sendable {
        public var trajectoryID: String
        public var linkID: String?
        public var source: Story.Source
        public var receiptHash: String?
        public var original: String
        public var pseudonymised: String
        public var consent: StoryConsent
        public var ageBand, district, channel: String
        public var retentionDate: String
        public var participantID: String?
        public var activityID: String?

        public init(trajectoryID: String, linkID: String?, source: Story.Source, receiptHash: String?, original: String, pseudonymised: String,
                    consent: StoryConsent, ageBand: String, district: String, channel: String, retentionDate: String,
                    participantID: String? = nil, activityID: String? = nil) {
            self.participantID = participantID
            self.activityID = activityID
            self.trajectoryID = trajectoryID
            self.linkID = linkID
            self.source = source
            self.receiptHash = receiptHash
            self.original = original
            self.pseudonymised = pseudonymised
            self.consent = consent
            self.ageBand = ageBand
            self.district = district
            self.channel = channel
            self.retentionDate = retentionDate
        }
    }

    /// Stores a story. From the public side the link must be open; interviews need `organisationID`.
    public func add(_ story: NewStory, organisationID: String?) async throws -> String {
        try await database.transaction { sql in try await Self.insert(sql: sql, story, organisationID: organisationID) }
    }

    /// `add` on the connection of the caller's transaction (the interview use-case writes its audit entry in it).
    public static func insert(sql: any SQLDatabase, _ story: NewStory, organisationID: String?) async throws -> String {
        if let organisationID {
            try await TrajectoryStore.requireOwned(sql: sql, organisationID: organisationID, trajectoryID: story.trajectoryID)
        } else {
            let open = try await sql.raw("""
                SELECT id FROM story_links WHERE id = \(bind: story.linkID ?? "") AND trajectory_id = \(bind: story.trajectoryID) AND is_open = 1
                """).first()
            guard open != nil else { throw SamenError("story_link_closed", kind: .conflict) }
        }
        try await requireLinks(sql: sql, trajectoryID: story.trajectoryID, participantID: story.participantID, activityID: story.activityID)
        let id = Identifier.make()
        try await sql.raw("""
            INSERT INTO stories (id, trajectory_id, link_id, participant_id, activity_id, source, status, receipt_hash, original_text, pseudonymised_text,
                consent_internal, consent_publication, consent_reuse, age_band, district, channel, special_category,
                retention_date, created_at)
            VALUES (\(bind: id), \(bind: story.trajectoryID), \(bind: story.linkID), \(bind: story.participantID), \(bind: story.activityID),
                \(bind: story.source.rawValue),
                \(bind: Story.Status.submitted.rawValue), \(bind: story.receiptHash), \(bind: story.original), \(bind: story.pseudonymised),
                \(bind: story.consent.internalAnalysis ? 1 : 0), \(bind: story.consent.publication ? 1 : 0), \(bind: story.consent.reuse ? 1 : 0),
                \(bind: story.ageBand), \(bind: story.district), \(bind: story.channel), 0, \(bind: story.retentionDate), \(bind: Clock.now()))
            """).run()
        return id
    }

    /// An interview's participant and activity must belong to the same trajectory.
    static func requireLinks(sql: any SQLDatabase, trajectoryID: String, participantID: String?, activityID: String?) async throws {
        if let participant = participantID, try await sql.raw("""
            SELECT id FROM participants WHERE id = \(bind: participant) AND trajectory_id = \(bind: trajectoryID)
            """).first() == nil { throw ValidationErrors([SamenError("participant_unknown", kind: .conflict, field: "participant")]) }
        if let activity = activityID, try await sql.raw("""
            SELECT id FROM activities WHERE id = \(bind: activity) AND trajectory_id = \(bind: trajectoryID)
            """).first() == nil { throw ValidationErrors([SamenError("activity_unknown", kind: .conflict, field: "activity")]) }
    }

    public func stories(organisationID: String, trajectoryID: String) async throws -> [Story] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT s.* FROM stories s JOIN trajectories t ON t.id = s.trajectory_id
                WHERE s.trajectory_id = \(bind: trajectoryID) AND t.organisation_id = \(bind: organisationID) ORDER BY s.created_at DESC
                """).all().map(Self.decodeStory)
        }
    }

    /// One page of a trajectory's stories and interviews, newest first, and how many there are
    /// in all (the list pages of a large trajectory; the index `stories_trajectory` serves both).
    public func stories(organisationID: String, trajectoryID: String, offset: Int, limit: Int) async throws -> (stories: [Story], total: Int) {
        try await database.read { sql in
            let owned: SQLQueryString = """
                FROM stories s JOIN trajectories t ON t.id = s.trajectory_id
                WHERE s.trajectory_id = \(bind: trajectoryID) AND t.organisation_id = \(bind: organisationID)
                """
            let total = try await sql.raw("SELECT COUNT(*) AS n " + owned).first()?.decode(column: "n", as: Int.self) ?? 0
            let rows = try await sql.raw("SELECT s.* " + owned + " ORDER BY s.created_at DESC, s.id LIMIT \(bind: limit) OFFSET \(bind: offset)")
                .all().map(Self.decodeStory)
            return (rows, total)
        }
    }

    /// The stories of a trajectory with these ids (those of another trajectory or organisation are left out).
    public func stories(organisationID: String, trajectoryID: String, ids: some Collection<String>) async throws -> [Story] {
        let unique = Array(Set(ids))
        guard !unique.isEmpty else { return [] }
        return try await database.read { sql in
            var found: [Story] = []
            for slice in unique.boundSlices() {
                found += try await sql.raw("""
                    SELECT s.* FROM stories s JOIN trajectories t ON t.id = s.trajectory_id
                    WHERE s.id IN (\(binds: Array(slice))) AND s.trajectory_id = \(bind: trajectoryID) AND t.organisation_id = \(bind: organisationID)
                    ORDER BY s.created_at DESC
                    """).all().map(Self.decodeStory)
            }
            return found
        }
    }

    public func story(organisationID: String, id: String) async throws -> Story? {
        try await database.read { sql in try await Self.load(sql: sql, organisationID: organisationID, id: id) }
    }

    public static func load(sql: any SQLDatabase, organisationID: String, id: String) async throws -> Story? {
        try await sql.raw("""
            SELECT s.* FROM stories s JOIN trajectories t ON t.id = s.trajectory_id
            WHERE s.id = \(bind: id) AND t.organisation_id = \(bind: organisationID)
            """).first().map(Self.decodeStory)
    }

    /// The team's review: corrected pseudonymised text, special-category flag, retention date, and approval.
    public func review(organisationID: String, id: String, pseudonymised: String, specialCategory: Bool, retentionDate: String,
                       approve: Bool, by: String) async throws {
        try await database.transaction { sql in
            let owned = try await sql.raw("""
                SELECT s.id FROM stories s JOIN trajectories t ON t.id = s.trajectory_id
                WHERE s.id = \(bind: id) AND t.organisation_id = \(bind: organisationID)
                """).first()
            guard owned != nil else { throw SamenError.notFound }
            try await sql.raw("""
                UPDATE stories SET pseudonymised_text = \(bind: pseudonymised), special_category = \(bind: specialCategory ? 1 : 0),
                    retention_date = \(bind: retentionDate),
                    status = \(bind: approve ? Story.Status.approved.rawValue : Story.Status.submitted.rawValue),
                    approved_by = \(bind: approve ? by : nil), approved_at = \(bind: approve ? Clock.now() : nil)
                WHERE id = \(bind: id)
                """).run()
        }
    }

    /// Stories and interviews of a trajectory whose pseudonymised text matches all words of
    /// `query` (Dutch stemming on PostgreSQL; accent-insensitive words on SQLite), best first.
    public func search(organisationID: String, trajectoryID: String, query: String, limit: Int = 50) async throws -> [Story] {
        let words = query.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init).filter { !$0.isEmpty }.prefix(12)
        guard !words.isEmpty else { return [] }
        return try await database.read { sql in
            switch database.kind {
            case .sqlite:
                // Each word quoted: the user's text is never read as FTS5 query syntax.
                let match = words.map { "\"" + $0 + "\"" }.joined(separator: " ")
                return try await sql.raw("""
                    SELECT s.* FROM stories_fts f JOIN stories s ON s.id = f.story_id JOIN trajectories t ON t.id = s.trajectory_id
                    WHERE stories_fts MATCH \(bind: match) AND s.trajectory_id = \(bind: trajectoryID) AND t.organisation_id = \(bind: organisationID)
                    ORDER BY f.rank LIMIT \(bind: limit)
                    """).all().map(Self.decodeStory)
            case .postgres:
                return try await sql.raw("""
                    SELECT s.* FROM stories s JOIN trajectories t ON t.id = s.trajectory_id
                    WHERE to_tsvector('dutch', s.pseudonymised_text) @@ plainto_tsquery('dutch', \(bind: words.joined(separator: " ")))
                      AND s.trajectory_id = \(bind: trajectoryID) AND t.organisation_id = \(bind: organisationID)
                    ORDER BY ts_rank(to_tsvector('dutch', s.pseudonymised_text), plainto_tsquery('dutch', \(bind: words.joined(separator: " ")))) DESC
                    LIMIT \(bind: limit)
                    """).all().map(Self.decodeStory)
            }
        }
    }

    /// Names to remove from texts of a trajectory (used by the pseudonymiser).
    public func knownNames(trajectoryID: String) async throws -> [String] {
        try await database.read { sql in
            try await sql.raw("SELECT name FROM known_names WHERE trajectory_id = \(bind: trajectoryID) ORDER BY name").all()
                .map { try $0.decode(column: "name", as: String.self) }
        }
    }

    public func setKnownNames(organisationID: String, trajectoryID: String, names: [String]) async throws {
        try await database.transaction { sql in
            try await TrajectoryStore.requireOwned(sql: sql, organisationID: organisationID, trajectoryID: trajectoryID)
            try await sql.raw("DELETE FROM known_names WHERE trajectory_id = \(bind: trajectoryID)").run()
            for name in Set(names) {
                try await sql.raw("INSERT INTO known_names (trajectory_id, name) VALUES (\(bind: trajectoryID), \(bind: name))").run()
            }
        }
    }

    /// The citizen's own story, by the hash of their receipt code.
    public func story(receiptHash: String) async throws -> Story? {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM stories WHERE receipt_hash = \(bind: receiptHash)").first().map(Self.decodeStory)
        }
    }

    /// Withdrawal: the story and everything derived from it is deleted. Returns whether one was found.
    @discardableResult
    public func withdraw(receiptHash: String) async throws -> Bool {
        try await database.transaction { sql in
            let found = try await sql.raw("SELECT id FROM stories WHERE receipt_hash = \(bind: receiptHash)").first()
            guard found != nil else { return false }
            try await sql.raw("DELETE FROM stories WHERE receipt_hash = \(bind: receiptHash)").run()
            return true
        }
    }

    /// Purges the original text of every story whose retention date has passed; the
    /// approved pseudonymised text stays. Returns how many were purged.
    @discardableResult
    public func purgeExpired(today: String) async throws -> Int {
        try await database.transaction { sql in
            let due = try await sql.raw("""
                SELECT COUNT(*) AS n FROM stories WHERE retention_date < \(bind: today) AND original_text IS NOT NULL
                """).first()?.decode(column: "n", as: Int.self) ?? 0
            try await sql.raw("""
                UPDATE stories SET original_text = NULL, purged_at = \(bind: Clock.now())
                WHERE retention_date < \(bind: today) AND original_text IS NOT NULL
                """).run()
            return due
        }
    }

    static func decodeLink(_ row: any SQLRow) throws -> Link {
        Link(id: try row.decode(column: "id", as: String.self), trajectoryID: try row.decode(column: "trajectory_id", as: String.self),
             token: try row.decode(column: "token", as: String.self), title: try row.decode(column: "title", as: String.self),
             questions: try row.decode(column: "questions", as: String.self).split(separator: "\n").map(String.init),
             isOpen: try row.decode(column: "is_open", as: Int.self) != 0)
    }

    static func decodeStory(_ row: any SQLRow) throws -> Story {
        var story = Story(id: try row.decode(column: "id", as: String.self), trajectoryID: try row.decode(column: "trajectory_id", as: String.self),
              source: Story.Source(rawValue: try row.decode(column: "source", as: String.self)) ?? .publicLink,
              status: Story.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .submitted,
              original: try row.decode(column: "original_text", as: String?.self),
              pseudonymised: try row.decode(column: "pseudonymised_text", as: String.self),
              consent: StoryConsent(internalAnalysis: try row.decode(column: "consent_internal", as: Int.self) != 0,
                                    publication: try row.decode(column: "consent_publication", as: Int.self) != 0,
                                    reuse: try row.decode(column: "consent_reuse", as: Int.self) != 0),
              ageBand: try row.decode(column: "age_band", as: String.self), district: try row.decode(column: "district", as: String.self),
              channel: try row.decode(column: "channel", as: String.self),
              specialCategory: try row.decode(column: "special_category", as: Int.self) != 0,
              retentionDate: try row.decode(column: "retention_date", as: String.self),
              createdAt: try row.decode(column: "created_at", as: Int64.self))
        story.participantID = try row.decode(column: "participant_id", as: String?.self)
        story.activityID = try row.decode(column: "activity_id", as: String?.self)
        return try story.versioned(row)
    }
}
