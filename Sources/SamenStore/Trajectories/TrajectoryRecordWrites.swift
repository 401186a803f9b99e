import SamenCore
import SQLKit

/// Edits and deletes of a trajectory's records, on the connection of the caller's
/// transaction (the use-case opens it and writes the audit entry in it). Every statement
/// checks the organisation in SQL and names the row version it read.
public enum TrajectoryRecordWrites {
    static func inOrganisation(_ organisationID: String) -> SQLQueryString {
        "trajectory_id IN (SELECT id FROM trajectories WHERE organisation_id = \(bind: organisationID))"
    }

    // MARK: trajectories

    public static func updateTrajectory(sql: any SQLDatabase, organisationID: String, id: String, _ draft: TrajectoryStore.Draft,
                                        expected: Int?) async throws -> Int {
        try await VersionedWrites.update(
            sql: sql, table: "trajectories", key: "id = \(bind: id)", owned: "organisation_id = \(bind: organisationID)",
            set: """
                title = \(bind: draft.title), service = \(bind: draft.service), goal = \(bind: draft.goal),
                target_groups = \(bind: draft.targetGroups), owner = \(bind: draft.owner), start_date = \(bind: draft.startDate),
                end_date = \(bind: draft.endDate)
                """, expected: expected)
    }

    /// Surveys and conversations linked to the trajectory stay; they lose the link.
    public static func deleteTrajectory(sql: any SQLDatabase, organisationID: String, id: String, expected: Int?) async throws {
        try await VersionedWrites.delete(sql: sql, table: "trajectories", key: "id = \(bind: id)",
                                         owned: "organisation_id = \(bind: organisationID)", expected: expected)
        for table in ["surveys", "conversations"] {
            try await sql.raw("""
                UPDATE \(unsafeRaw: table) SET trajectory_id = NULL WHERE trajectory_id = \(bind: id) AND organisation_id = \(bind: organisationID)
                """).run()
        }
    }

    public static func trajectoryImpact(sql: any SQLDatabase, organisationID: String, id: String) async throws -> DeletionImpact {
        var items: [DeletionImpact.Item] = []
        for (table, key) in [("activities", "impact_activities"), ("participants", "impact_participants"),
                             ("stakeholders", "impact_stakeholders"), ("decisions", "impact_decisions"),
                             ("stories", "impact_stories"), ("insights", "impact_insights"), ("personas", "impact_personas"),
                             ("journeys", "impact_journeys")] {
            items.append(.init(key: key, count: try await VersionedWrites.count(
                sql: sql, "\(unsafeRaw: table) WHERE trajectory_id = \(bind: id)")))
        }
        for (table, key) in [("surveys", "impact_surveys_unlinked"), ("conversations", "impact_conversations_unlinked")] {
            items.append(.init(key: key, count: try await VersionedWrites.count(
                sql: sql, "\(unsafeRaw: table) WHERE trajectory_id = \(bind: id) AND organisation_id = \(bind: organisationID)")))
        }
        return DeletionImpact(items)
    }

    // MARK: activities

    public static func updateActivity(sql: any SQLDatabase, organisationID: String, _ a: Activity, expected: Int?) async throws -> Int {
        try await VersionedWrites.update(
            sql: sql, table: "activities", key: "id = \(bind: a.id)", owned: inOrganisation(organisationID),
            set: """
                phase = \(bind: a.phase.rawValue), kind = \(bind: a.kind.rawValue), title = \(bind: a.title),
                activity_date = \(bind: a.date), place = \(bind: a.place), facilitator = \(bind: a.facilitator), notes = \(bind: a.notes)
                """, expected: expected)
    }

    public static func deleteActivity(sql: any SQLDatabase, organisationID: String, id: String, expected: Int?) async throws {
        try await VersionedWrites.delete(sql: sql, table: "activities", key: "id = \(bind: id)", owned: inOrganisation(organisationID),
                                         expected: expected)
    }

    public static func activityImpact(sql: any SQLDatabase, id: String) async throws -> DeletionImpact {
        DeletionImpact([
            .init(key: "impact_participations", count: try await VersionedWrites.count(sql: sql, "participations WHERE activity_id = \(bind: id)")),
            .init(key: "impact_stories_unlinked", count: try await VersionedWrites.count(sql: sql, "stories WHERE activity_id = \(bind: id)")),
        ])
    }

    // MARK: participants

    public static func updateParticipant(sql: any SQLDatabase, organisationID: String, _ p: Participant, expected: Int?) async throws -> Int {
        let taken = try await sql.raw("""
            SELECT id FROM participants WHERE trajectory_id = \(bind: p.trajectoryID) AND code = \(bind: p.code) AND id <> \(bind: p.id)
            """).first()
        if taken != nil { throw SamenError("participant_code_taken", kind: .conflict, field: "code") }
        return try await VersionedWrites.update(
            sql: sql, table: "participants", key: "id = \(bind: p.id)", owned: inOrganisation(organisationID),
            set: """
                code = \(bind: p.code), stakeholder_group = \(bind: p.group.rawValue), vulnerable = \(bind: p.vulnerable ? 1 : 0),
                age_band = \(bind: p.ageBand), district = \(bind: p.district)
                """, expected: expected)
    }

    public static func deleteParticipant(sql: any SQLDatabase, organisationID: String, id: String, expected: Int?) async throws {
        try await VersionedWrites.delete(sql: sql, table: "participants", key: "id = \(bind: id)", owned: inOrganisation(organisationID),
                                         expected: expected)
    }

    public static func participantImpact(sql: any SQLDatabase, id: String) async throws -> DeletionImpact {
        DeletionImpact([
            .init(key: "impact_participations", count: try await VersionedWrites.count(sql: sql, "participations WHERE participant_id = \(bind: id)")),
            .init(key: "impact_stories_unlinked", count: try await VersionedWrites.count(sql: sql, "stories WHERE participant_id = \(bind: id)")),
        ])
    }

    // MARK: participation records (keyed by participant and activity)

    static func participationKey(_ participantID: String, _ activityID: String) -> SQLQueryString {
        "participant_id = \(bind: participantID) AND activity_id = \(bind: activityID)"
    }

    static func participationOwned(_ organisationID: String) -> SQLQueryString {
        "activity_id IN (SELECT a.id FROM activities a JOIN trajectories t ON t.id = a.trajectory_id WHERE t.organisation_id = \(bind: organisationID))"
    }

    public static func updateParticipation(sql: any SQLDatabase, organisationID: String, _ p: Participation, expected: Int?) async throws -> Int {
        try await VersionedWrites.update(
            sql: sql, table: "participations", key: participationKey(p.participantID, p.activityID), owned: participationOwned(organisationID),
            set: "role = \(bind: p.role), consent = \(bind: p.consent.rawValue), contributions = \(bind: p.contributions)", expected: expected)
    }

    public static func deleteParticipation(sql: any SQLDatabase, organisationID: String, participantID: String, activityID: String,
                                           expected: Int?) async throws {
        try await VersionedWrites.delete(sql: sql, table: "participations", key: participationKey(participantID, activityID),
                                         owned: participationOwned(organisationID), expected: expected)
    }

    // MARK: stakeholders

    public static func updateStakeholder(sql: any SQLDatabase, organisationID: String, _ s: Stakeholder, expected: Int?) async throws -> Int {
        try await VersionedWrites.update(
            sql: sql, table: "stakeholders", key: "id = \(bind: s.id)", owned: inOrganisation(organisationID),
            set: """
                name = \(bind: s.name), stakeholder_group = \(bind: s.group.rawValue), required = \(bind: s.required ? 1 : 0),
                hard_to_reach = \(bind: s.hardToReach ? 1 : 0), low_digital_skills = \(bind: s.lowDigitalSkills ? 1 : 0),
                language_needs = \(bind: s.languageNeeds ? 1 : 0)
                """, expected: expected)
    }

    public static func deleteStakeholder(sql: any SQLDatabase, organisationID: String, id: String, expected: Int?) async throws {
        try await VersionedWrites.delete(sql: sql, table: "stakeholders", key: "id = \(bind: id)", owned: inOrganisation(organisationID),
                                         expected: expected)
    }

    public static func requireStakeholder(sql: any SQLDatabase, organisationID: String, trajectoryID: String, id: String) async throws {
        let owned = try await sql.raw("""
            SELECT s.id FROM stakeholders s JOIN trajectories t ON t.id = s.trajectory_id
            WHERE s.id = \(bind: id) AND s.trajectory_id = \(bind: trajectoryID) AND t.organisation_id = \(bind: organisationID)
            """).first()
        if owned == nil { throw SamenError.notFound }
    }

    public static func stakeholderImpact(sql: any SQLDatabase, id: String) async throws -> DeletionImpact {
        DeletionImpact([.init(key: "impact_positions", count: try await VersionedWrites.count(
            sql: sql, "stakeholder_positions WHERE stakeholder_id = \(bind: id)"))])
    }

    // MARK: decisions

    public static func updateDecision(sql: any SQLDatabase, organisationID: String, _ d: Decision, expected: Int?) async throws -> Int {
        try await VersionedWrites.update(
            sql: sql, table: "decisions", key: "id = \(bind: d.id)", owned: inOrganisation(organisationID),
            set: """
                decision_date = \(bind: d.date), summary = \(bind: d.summary), reason = \(bind: d.reason), decided_by = \(bind: d.decidedBy)
                """, expected: expected)
    }

    public static func deleteDecision(sql: any SQLDatabase, organisationID: String, id: String, expected: Int?) async throws {
        try await VersionedWrites.delete(sql: sql, table: "decisions", key: "id = \(bind: id)", owned: inOrganisation(organisationID),
                                         expected: expected)
    }
}
