import SamenCore
import SQLKit

/// Edits and deletes of the citizen-voice records (stories, highlights, insights, personas,
/// journeys, steps) on the connection of the caller's transaction. Every statement checks
/// the organisation in SQL and names the row version it read. What a delete takes with it
/// follows the foreign keys of migrations 005–008 (ON DELETE CASCADE); `…Impact` counts it first.
public enum StoryRecordWrites {
    static func inOrganisation(_ organisationID: String) -> SQLQueryString { TrajectoryRecordWrites.inOrganisation(organisationID) }

    static func storyOwned(_ organisationID: String) -> SQLQueryString {
        "story_id IN (SELECT s.id FROM stories s JOIN trajectories t ON t.id = s.trajectory_id WHERE t.organisation_id = \(bind: organisationID))"
    }

    static func journeyOwned(_ organisationID: String) -> SQLQueryString {
        "journey_id IN (SELECT j.id FROM journeys j JOIN trajectories t ON t.id = j.trajectory_id WHERE t.organisation_id = \(bind: organisationID))"
    }

    // MARK: stories and interviews

    /// The team's side only: the original text, the consent and a citizen's receipt stay as given.
    public static func updateStory(sql: any SQLDatabase, organisationID: String, id: String, trajectoryID: String, _ input: StoryInput,
                                   approve: Bool?, by: String, expected: Int?) async throws -> Int {
        let participant = input.participantID.isEmpty ? nil : input.participantID
        let activity = input.activityID.isEmpty ? nil : input.activityID
        try await StoryStore.requireLinks(sql: sql, trajectoryID: trajectoryID, participantID: participant, activityID: activity)
        var approval: SQLQueryString = ""
        if approve == true {
            approval = ", status = \(bind: Story.Status.approved.rawValue), approved_by = \(bind: by), approved_at = \(bind: Clock.now())"
        } else if approve == false {
            approval = ", status = \(bind: Story.Status.submitted.rawValue), approved_by = NULL, approved_at = NULL"
        }
        return try await VersionedWrites.update(
            sql: sql, table: "stories", key: "id = \(bind: id)", owned: inOrganisation(organisationID),
            set: """
                pseudonymised_text = \(bind: input.pseudonymised), special_category = \(bind: input.specialCategory ? 1 : 0),
                retention_date = \(bind: input.retentionDate), participant_id = \(bind: participant), activity_id = \(bind: activity),
                age_band = \(bind: input.ageBand), district = \(bind: input.district), channel = \(bind: input.channel)\(approval)
                """, expected: expected)
    }

    public static func deleteStory(sql: any SQLDatabase, organisationID: String, id: String, expected: Int?) async throws {
        try await VersionedWrites.delete(sql: sql, table: "stories", key: "id = \(bind: id)", owned: inOrganisation(organisationID), expected: expected)
    }

    /// The highlights go with the story; insights, personas and steps stay but lose those passages.
    public static func storyImpact(sql: any SQLDatabase, id: String) async throws -> DeletionImpact {
        let highlights: SQLQueryString = "SELECT id FROM highlights WHERE story_id = \(bind: id)"
        return DeletionImpact([
            .init(key: "impact_highlights", count: try await VersionedWrites.count(sql: sql, "highlights WHERE story_id = \(bind: id)")),
        ] + (try await evidenceUsers(sql: sql, highlights: highlights)))
    }

    /// Insights, personas, journey steps and report quotes that rest on any of `highlights`.
    static func evidenceUsers(sql: any SQLDatabase, highlights: SQLQueryString) async throws -> [DeletionImpact.Item] {
        var items: [DeletionImpact.Item] = []
        for (table, column, key) in [("insight_highlights", "insight_id", "impact_insight_evidence"),
                                     ("persona_highlights", "persona_id", "impact_persona_evidence"),
                                     ("journey_step_highlights", "step_id", "impact_step_evidence"),
                                     ("report_quotes", "trajectory_id", "impact_report_quotes")] {
            let n = try await sql.raw("""
                SELECT COUNT(DISTINCT \(unsafeRaw: column)) AS n FROM \(unsafeRaw: table) WHERE highlight_id IN (\(highlights))
                """).first()?.decode(column: "n", as: Int.self) ?? 0
            items.append(.init(key: key, count: n))
        }
        return items
    }

    // MARK: highlights

    public static func updateHighlight(sql: any SQLDatabase, organisationID: String, _ h: Highlight, expected: Int?) async throws -> Int {
        try await VersionedWrites.update(
            sql: sql, table: "highlights", key: "id = \(bind: h.id)", owned: storyOwned(organisationID),
            set: """
                start_offset = \(bind: h.start), end_offset = \(bind: h.end), quote = \(bind: h.quote),
                dimensions = \(bind: h.dimensions.joined(separator: ",")), touchpoint = \(bind: h.touchpoint),
                polarity = \(bind: h.polarity.rawValue), beneficiary = \(bind: h.beneficiary.rawValue),
                value_type = \(bind: h.valueType.rawValue), tags = \(bind: h.tags.joined(separator: ","))
                """, expected: expected)
    }

    public static func deleteHighlight(sql: any SQLDatabase, organisationID: String, id: String, expected: Int?) async throws {
        try await VersionedWrites.delete(sql: sql, table: "highlights", key: "id = \(bind: id)", owned: storyOwned(organisationID), expected: expected)
    }

    public static func highlightImpact(sql: any SQLDatabase, id: String) async throws -> DeletionImpact {
        DeletionImpact(try await evidenceUsers(sql: sql, highlights: "SELECT id FROM highlights WHERE id = \(bind: id)"))
    }

    // MARK: insights, personas, journeys

    /// Replaces the highlights a record rests on (each must be of the record's trajectory).
    static func relink(sql: any SQLDatabase, table: String, column: String, id: String, trajectoryID: String, highlightIDs: [String]) async throws {
        try await DesignStore.requireHighlights(sql: sql, trajectoryID: trajectoryID, ids: highlightIDs)
        try await sql.raw("DELETE FROM \(unsafeRaw: table) WHERE \(unsafeRaw: column) = \(bind: id)").run()
        for highlight in Set(highlightIDs) {
            try await sql.raw("INSERT INTO \(unsafeRaw: table) (\(unsafeRaw: column), highlight_id) VALUES (\(bind: id), \(bind: highlight))").run()
        }
    }

    public static func updateInsight(sql: any SQLDatabase, organisationID: String, _ i: Insight, expected: Int?) async throws -> Int {
        let version = try await VersionedWrites.update(
            sql: sql, table: "insights", key: "id = \(bind: i.id)", owned: inOrganisation(organisationID),
            set: "title = \(bind: i.title), description = \(bind: i.description)", expected: expected)
        try await relink(sql: sql, table: "insight_highlights", column: "insight_id", id: i.id, trajectoryID: i.trajectoryID, highlightIDs: i.highlightIDs)
        return version
    }

    public static func deleteInsight(sql: any SQLDatabase, organisationID: String, id: String, expected: Int?) async throws {
        try await VersionedWrites.delete(sql: sql, table: "insights", key: "id = \(bind: id)", owned: inOrganisation(organisationID), expected: expected)
    }

    /// The passages stay; what the report says was done about the insight goes with it.
    public static func insightImpact(sql: any SQLDatabase, id: String) async throws -> DeletionImpact {
        DeletionImpact([.init(key: "impact_report_actions", count: try await VersionedWrites.count(sql: sql, "report_actions WHERE insight_id = \(bind: id)"))])
    }

    public static func updatePersona(sql: any SQLDatabase, organisationID: String, _ p: Persona, expected: Int?) async throws -> Int {
        let version = try await VersionedWrites.update(
            sql: sql, table: "personas", key: "id = \(bind: p.id)", owned: inOrganisation(organisationID),
            set: """
                name = \(bind: p.name), quote = \(bind: p.quote), age_band = \(bind: p.ageBand), situation = \(bind: p.situation),
                goals = \(bind: p.goals), needs = \(bind: p.needs), frustrations = \(bind: p.frustrations), channels = \(bind: p.channels),
                digital_skills = \(bind: p.digitalSkills), network = \(bind: p.network), vulnerability = \(bind: p.vulnerability)
                """, expected: expected)
        try await relink(sql: sql, table: "persona_highlights", column: "persona_id", id: p.id, trajectoryID: p.trajectoryID, highlightIDs: p.highlightIDs)
        return version
    }

    public static func deletePersona(sql: any SQLDatabase, organisationID: String, id: String, expected: Int?) async throws {
        try await VersionedWrites.delete(sql: sql, table: "personas", key: "id = \(bind: id)", owned: inOrganisation(organisationID), expected: expected)
    }

    /// A persona's journey maps and their steps go with it.
    public static func personaImpact(sql: any SQLDatabase, id: String) async throws -> DeletionImpact {
        DeletionImpact([
            .init(key: "impact_journeys", count: try await VersionedWrites.count(sql: sql, "journeys WHERE persona_id = \(bind: id)")),
            .init(key: "impact_journey_steps", count: try await VersionedWrites.count(
                sql: sql, "journey_steps WHERE journey_id IN (SELECT id FROM journeys WHERE persona_id = \(bind: id))")),
        ])
    }

    public static func updateJourney(sql: any SQLDatabase, organisationID: String, _ j: Journey, expected: Int?) async throws -> Int {
        try await VersionedWrites.update(
            sql: sql, table: "journeys", key: "id = \(bind: j.id)", owned: inOrganisation(organisationID),
            set: "scenario = \(bind: j.scenario), kind = \(bind: j.kind.rawValue)", expected: expected)
    }

    public static func deleteJourney(sql: any SQLDatabase, organisationID: String, id: String, expected: Int?) async throws {
        try await VersionedWrites.delete(sql: sql, table: "journeys", key: "id = \(bind: id)", owned: inOrganisation(organisationID), expected: expected)
    }

    public static func journeyImpact(sql: any SQLDatabase, id: String) async throws -> DeletionImpact {
        DeletionImpact([.init(key: "impact_journey_steps", count: try await VersionedWrites.count(sql: sql, "journey_steps WHERE journey_id = \(bind: id)"))])
    }

    // MARK: journey steps

    public static func updateStep(sql: any SQLDatabase, organisationID: String, trajectoryID: String, _ s: JourneyStep,
                                  expected: Int?) async throws -> Int {
        let version = try await VersionedWrites.update(
            sql: sql, table: "journey_steps", key: "id = \(bind: s.id)", owned: journeyOwned(organisationID),
            set: """
                stage = \(bind: s.stage), position = \(bind: s.position), touchpoint = \(bind: s.touchpoint), channel = \(bind: s.channel),
                actor = \(bind: s.actor), emotion = \(bind: s.emotion), pain_points = \(bind: s.painPoints),
                moment_of_truth = \(bind: s.momentOfTruth ? 1 : 0), opportunities = \(bind: s.opportunities),
                frontstage = \(bind: s.frontstage), backstage = \(bind: s.backstage), support = \(bind: s.support)
                """, expected: expected)
        try await relink(sql: sql, table: "journey_step_highlights", column: "step_id", id: s.id, trajectoryID: trajectoryID, highlightIDs: s.highlightIDs)
        return version
    }

    public static func deleteStep(sql: any SQLDatabase, organisationID: String, id: String, expected: Int?) async throws {
        try await VersionedWrites.delete(sql: sql, table: "journey_steps", key: "id = \(bind: id)", owned: journeyOwned(organisationID),
                                         expected: expected)
    }
}
