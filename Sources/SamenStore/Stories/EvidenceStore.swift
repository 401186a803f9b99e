import SamenCore
import SQLKit

/// Highlights and insights: the evidence chain from people's words to what the team
/// learned. Reads join through stories and trajectories to filter by organisation.
public struct EvidenceStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func addHighlight(organisationID: String, _ highlight: Highlight) async throws -> Highlight {
        try await database.transaction { sql in try await Self.insertHighlight(sql: sql, organisationID: organisationID, highlight) }
    }

    public static func insertHighlight(sql: any SQLDatabase, organisationID: String, _ highlight: Highlight) async throws -> Highlight {
        let owned = try await sql.raw("""
            SELECT s.id FROM stories s JOIN trajectories t ON t.id = s.trajectory_id
            WHERE s.id = \(bind: highlight.storyID) AND t.organisation_id = \(bind: organisationID)
            """).first()
        guard owned != nil else { throw SamenError.notFound }
        var stored = highlight
        stored.id = Identifier.make()
        try await sql.raw("""
            INSERT INTO highlights (id, story_id, start_offset, end_offset, quote, dimensions, touchpoint, polarity, beneficiary, value_type,
                                    tags, created_at)
            VALUES (\(bind: stored.id), \(bind: stored.storyID), \(bind: stored.start), \(bind: stored.end), \(bind: stored.quote),
                    \(bind: stored.dimensions.joined(separator: ",")), \(bind: stored.touchpoint), \(bind: stored.polarity.rawValue),
                    \(bind: stored.beneficiary.rawValue), \(bind: stored.valueType.rawValue),
                    \(bind: stored.tags.joined(separator: ",")), \(bind: Clock.now()))
            """).run()
        return stored
    }

    /// `FROM … WHERE` for the highlights (`h`) of one trajectory of one organisation, their
    /// stories joined as `s`: the tenant-checked shape every list of highlights starts from.
    static func ofTrajectory(organisationID: String, trajectoryID: String) -> SQLQueryString {
        """
        FROM highlights h JOIN stories s ON s.id = h.story_id JOIN trajectories t ON t.id = s.trajectory_id
        WHERE s.trajectory_id = \(bind: trajectoryID) AND t.organisation_id = \(bind: organisationID)
        """
    }

    /// `AND` one story's highlights only, or all when `storyID` is nil.
    static func ofStory(_ storyID: String?) -> SQLQueryString {
        " AND (\(bind: storyID ?? "") = '' OR h.story_id = \(bind: storyID ?? ""))"
    }

    /// Highlights of one trajectory, optionally of one story only.
    public func highlights(organisationID: String, trajectoryID: String, storyID: String? = nil) async throws -> [Highlight] {
        try await database.read { sql in
            try await sql.raw("SELECT h.* " + Self.ofTrajectory(organisationID: organisationID, trajectoryID: trajectoryID)
                + Self.ofStory(storyID) + " ORDER BY h.created_at, h.start_offset").all().map(Self.decodeHighlight)
        }
    }

    /// A page of a trajectory's highlights (optionally of one story), cut in the database: the
    /// API list no longer reads and sorts a trajectory's every highlight to answer 50. `sort` is
    /// `quote`, `story_id` or `touchpoint` (else the order they were made); ties keep the order
    /// they were made, so pages never overlap.
    public func highlightPage(organisationID: String, trajectoryID: String, storyID: String? = nil,
                              _ query: ListQuery) async throws -> (highlights: [Highlight], total: Int) {
        let column = ["quote": "h.quote", "story_id": "h.story_id", "touchpoint": "h.touchpoint"][query.sort]
        let direction = query.descending ? "DESC" : "ASC"
        let order = (column.map { "\($0) \(direction), " } ?? "") + "h.created_at, h.start_offset, h.id"
        return try await database.read { sql in
            let matching = Self.ofTrajectory(organisationID: organisationID, trajectoryID: trajectoryID) + Self.ofStory(storyID)
            let total = try await sql.raw("SELECT COUNT(*) AS n " + matching).first()?.decode(column: "n", as: Int.self) ?? 0
            let rows = try await sql.raw("SELECT h.* " + matching
                + " ORDER BY \(unsafeRaw: order) LIMIT \(bind: query.limit) OFFSET \(bind: query.offset)")
                .all().map(Self.decodeHighlight)
            return (rows, total)
        }
    }

    /// Only the named highlights of a trajectory (the quotes a page shows; callers look them
    /// up by id): a page that shows a few quotes no longer
    /// reads the trajectory's every highlight (150,000 at a large municipality). Ids of another
    /// trajectory or organisation are left out. Read in slices, so a long list stays under
    /// SQLite's bound-value limit.
    public func highlights(organisationID: String, trajectoryID: String, ids: some Collection<String>) async throws -> [Highlight] {
        let unique = Array(Set(ids))
        guard !unique.isEmpty else { return [] }
        var found: [Highlight] = []
        for slice in unique.boundSlices() {
            found += try await database.read { sql in
                try await sql.raw("SELECT h.* " + Self.ofTrajectory(organisationID: organisationID, trajectoryID: trajectoryID)
                    + " AND h.id IN (\(binds: Array(slice))) ORDER BY h.created_at, h.start_offset").all().map(Self.decodeHighlight)
            }
        }
        return found
    }

    /// The highlights a form offers to choose from: the newest `limit` of the trajectory whose
    /// quote contains `search` (case-insensitive; empty: all), and how many match in all. A
    /// form never lists a large trajectory's every highlight; the search finds older ones.
    /// `publishable`: only passages a public report may quote (of an approved story whose teller
    /// consented to publication).
    public func highlightChoices(organisationID: String, trajectoryID: String, search: String,
                                 limit: Int, publishable: Bool = false) async throws -> (highlights: [Highlight], total: Int) {
        let pattern = "%" + search.lowercased().replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
        let consented: SQLQueryString = publishable ? " AND " + StorySQL.mayBePublished() : ""
        return try await newest(organisationID: organisationID, trajectoryID: trajectoryID,
                                where: "(\(bind: search) = '' OR LOWER(h.quote) LIKE \(bind: pattern) ESCAPE '\\')" + consented, limit: limit)
    }

    /// How many highlights a trajectory has (one count, for the pages that list a bounded few).
    public func highlightCount(organisationID: String, trajectoryID: String) async throws -> Int {
        try await newest(organisationID: organisationID, trajectoryID: trajectoryID, where: "1 = 1", limit: 0).total
    }

    /// The newest `limit` highlights of a trajectory that meet `condition` (on `h`), and how
    /// many meet it in all: the bounded lists of the passage choices and the value register.
    func newest(organisationID: String, trajectoryID: String, where condition: SQLQueryString,
                limit: Int) async throws -> (highlights: [Highlight], total: Int) {
        try await database.read { sql in
            let matching = Self.ofTrajectory(organisationID: organisationID, trajectoryID: trajectoryID) + " AND " + condition
            let total = try await sql.raw("SELECT COUNT(*) AS n " + matching).first()?.decode(column: "n", as: Int.self) ?? 0
            let rows = try await sql.raw("SELECT h.* " + matching + " ORDER BY h.created_at DESC, h.start_offset LIMIT \(bind: limit)")
                .all().map(Self.decodeHighlight)
            return (rows, total)
        }
    }

    public func deleteHighlight(organisationID: String, id: String) async throws {
        try await database.transaction { sql in
            let owned = try await sql.raw("""
                SELECT h.id FROM highlights h JOIN stories s ON s.id = h.story_id JOIN trajectories t ON t.id = s.trajectory_id
                WHERE h.id = \(bind: id) AND t.organisation_id = \(bind: organisationID)
                """).first()
            guard owned != nil else { throw SamenError.notFound }
            try await sql.raw("DELETE FROM highlights WHERE id = \(bind: id)").run()
        }
    }

    /// Creates an insight from highlights of the same trajectory (any other id is refused).
    public func createInsight(organisationID: String, trajectoryID: String, title: String, description: String,
                              highlightIDs: [String]) async throws -> Insight {
        try await database.transaction { sql in try await Self.insertInsight(sql: sql, organisationID: organisationID, trajectoryID: trajectoryID, title: title, description: description, highlightIDs: highlightIDs) }
    }

    public static func insertInsight(sql: any SQLDatabase, organisationID: String, trajectoryID: String, title: String, description: String,
                              highlightIDs: [String]) async throws -> Insight {
        try await TrajectoryStore.requireOwned(sql: sql, organisationID: organisationID, trajectoryID: trajectoryID)
        for id in highlightIDs {
            let belongs = try await sql.raw("""
                SELECT h.id FROM highlights h JOIN stories s ON s.id = h.story_id
                WHERE h.id = \(bind: id) AND s.trajectory_id = \(bind: trajectoryID)
                """).first()
            guard belongs != nil else { throw ValidationErrors([SamenError("highlight_unknown", kind: .conflict, field: "highlights")]) }
        }
        let insight = Insight(id: Identifier.make(), trajectoryID: trajectoryID, title: title, description: description, highlightIDs: highlightIDs)
        try await sql.raw("""
            INSERT INTO insights (id, trajectory_id, title, description, created_at)
            VALUES (\(bind: insight.id), \(bind: trajectoryID), \(bind: title), \(bind: description), \(bind: Clock.now()))
            """).run()
        for id in Set(highlightIDs) {
            try await sql.raw("INSERT INTO insight_highlights (insight_id, highlight_id) VALUES (\(bind: insight.id), \(bind: id))").run()
        }
        return insight
    }

    public func insights(organisationID: String, trajectoryID: String) async throws -> [Insight] {
        try await database.read { sql in
            let links = try await sql.raw("""
                SELECT ih.insight_id, ih.highlight_id FROM insight_highlights ih JOIN insights i ON i.id = ih.insight_id
                JOIN trajectories t ON t.id = i.trajectory_id
                WHERE i.trajectory_id = \(bind: trajectoryID) AND t.organisation_id = \(bind: organisationID)
                """).all()
            var byInsight: [String: [String]] = [:]
            for row in links {
                byInsight[try row.decode(column: "insight_id", as: String.self), default: []].append(try row.decode(column: "highlight_id", as: String.self))
            }
            return try await sql.raw("""
                SELECT i.* FROM insights i JOIN trajectories t ON t.id = i.trajectory_id
                WHERE i.trajectory_id = \(bind: trajectoryID) AND t.organisation_id = \(bind: organisationID) ORDER BY i.created_at
                """).all().map { row in
                    let id = try row.decode(column: "id", as: String.self)
                    return try Insight(id: id, trajectoryID: trajectoryID, title: try row.decode(column: "title", as: String.self),
                                   description: try row.decode(column: "description", as: String.self),
                                   highlightIDs: (byInsight[id] ?? []).sorted()).versioned(row)
                }
        }
    }

    static func decodeHighlight(_ row: any SQLRow) throws -> Highlight {
        func list(_ column: String) throws -> [String] {
            try row.decode(column: column, as: String.self).split(separator: ",").map(String.init)
        }
        return try Highlight(id: try row.decode(column: "id", as: String.self), storyID: try row.decode(column: "story_id", as: String.self),
                         start: try row.decode(column: "start_offset", as: Int.self), end: try row.decode(column: "end_offset", as: Int.self),
                         quote: try row.decode(column: "quote", as: String.self), dimensions: try list("dimensions"),
                         touchpoint: try row.decode(column: "touchpoint", as: String.self),
                         polarity: ValuePolarity(rawValue: try row.decode(column: "polarity", as: String.self)) ?? .none,
                         beneficiary: ValueBeneficiary(rawValue: try row.decode(column: "beneficiary", as: String.self)) ?? .none,
                         valueType: ValueType(rawValue: try row.decode(column: "value_type", as: String.self)) ?? .none, tags: try list("tags")).versioned(row)
    }
}
