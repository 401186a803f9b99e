import SamenCore
import SQLKit

/// Activities, stakeholders, participants and who took part where, inside one
/// organisation's trajectory. Every read joins to `trajectories` to filter by organisation.
public struct ParticipationStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    // MARK: activities

    public func addActivity(organisationID: String, _ activity: Activity) async throws -> Activity {
        try await database.transaction { sql in try await Self.addActivity(sql: sql, organisationID: organisationID, activity) }
    }

    public static func addActivity(sql: any SQLDatabase, organisationID: String, _ activity: Activity) async throws -> Activity {
        try await TrajectoryStore.requireOwned(sql: sql, organisationID: organisationID, trajectoryID: activity.trajectoryID)
        var stored = activity
        stored.id = Identifier.make()
        try await sql.raw("""
            INSERT INTO activities (id, trajectory_id, phase, kind, title, activity_date, place, facilitator, notes, created_at)
            VALUES (\(bind: stored.id), \(bind: stored.trajectoryID), \(bind: stored.phase.rawValue), \(bind: stored.kind.rawValue),
                    \(bind: stored.title), \(bind: stored.date), \(bind: stored.place), \(bind: stored.facilitator),
                    \(bind: stored.notes), \(bind: Clock.now()))
            """).run()
        return stored
    }

    public func activities(organisationID: String, trajectoryID: String) async throws -> [Activity] {
        try await database.read { sql in
            try await Self.activities(sql: sql, organisationID: organisationID, trajectoryIDs: [trajectoryID])[trajectoryID] ?? []
        }
    }

    public func activity(organisationID: String, id: String) async throws -> Activity? {
        try await database.read { sql in
            try await sql.raw("""
                SELECT a.* FROM activities a JOIN trajectories t ON t.id = a.trajectory_id
                WHERE a.id = \(bind: id) AND t.organisation_id = \(bind: organisationID)
                """).first().map(Self.decodeActivity)
        }
    }

    // MARK: stakeholders

    public func addStakeholder(organisationID: String, _ stakeholder: Stakeholder) async throws -> Stakeholder {
        try await database.transaction { sql in try await Self.addStakeholder(sql: sql, organisationID: organisationID, stakeholder) }
    }

    public static func addStakeholder(sql: any SQLDatabase, organisationID: String, _ stakeholder: Stakeholder) async throws -> Stakeholder {
        try await TrajectoryStore.requireOwned(sql: sql, organisationID: organisationID, trajectoryID: stakeholder.trajectoryID)
        var stored = stakeholder
        stored.id = Identifier.make()
        try await sql.raw("""
            INSERT INTO stakeholders (id, trajectory_id, name, stakeholder_group, required, hard_to_reach, low_digital_skills,
                                      language_needs, created_at)
            VALUES (\(bind: stored.id), \(bind: stored.trajectoryID), \(bind: stored.name), \(bind: stored.group.rawValue),
                    \(bind: stored.required ? 1 : 0), \(bind: stored.hardToReach ? 1 : 0), \(bind: stored.lowDigitalSkills ? 1 : 0),
                    \(bind: stored.languageNeeds ? 1 : 0), \(bind: Clock.now()))
            """).run()
        if let power = stored.power, let interest = stored.interest, let date = stored.positionDate {
            try await Self.insertPosition(sql: sql, stakeholderID: stored.id, power: power, interest: interest, date: date)
        }
        return stored
    }

    /// Records a dated position on the power/interest grid (positions change; history is kept).
    public func addPosition(organisationID: String, stakeholderID: String, power: Int, interest: Int, date: String) async throws {
        try await database.transaction { sql in
            let owned = try await sql.raw("""
                SELECT s.id FROM stakeholders s JOIN trajectories t ON t.id = s.trajectory_id
                WHERE s.id = \(bind: stakeholderID) AND t.organisation_id = \(bind: organisationID)
                """).first()
            guard owned != nil else { throw SamenError.notFound }
            try await Self.insertPosition(sql: sql, stakeholderID: stakeholderID, power: power, interest: interest, date: date)
        }
    }

    public static func insertPosition(sql: any SQLDatabase, stakeholderID: String, power: Int, interest: Int, date: String) async throws {
        try await sql.raw("""
            INSERT INTO stakeholder_positions (id, stakeholder_id, power, interest, position_date, created_at)
            VALUES (\(bind: Identifier.make()), \(bind: stakeholderID), \(bind: power), \(bind: interest), \(bind: date), \(bind: Clock.now()))
            """).run()
    }

    /// Stakeholders with their latest position.
    public func stakeholders(organisationID: String, trajectoryID: String) async throws -> [Stakeholder] {
        try await database.read { sql in
            try await Self.stakeholders(sql: sql, organisationID: organisationID, trajectoryIDs: [trajectoryID])[trajectoryID] ?? []
        }
    }

    // MARK: participants and participation

    public func addParticipant(organisationID: String, _ participant: Participant) async throws -> Participant {
        try await database.transaction { sql in try await Self.addParticipant(sql: sql, organisationID: organisationID, participant) }
    }

    public static func addParticipant(sql: any SQLDatabase, organisationID: String, _ participant: Participant) async throws -> Participant {
        try await TrajectoryStore.requireOwned(sql: sql, organisationID: organisationID, trajectoryID: participant.trajectoryID)
        let taken = try await sql.raw("""
            SELECT id FROM participants WHERE trajectory_id = \(bind: participant.trajectoryID) AND code = \(bind: participant.code)
            """).first()
        if taken != nil { throw SamenError("participant_code_taken", kind: .conflict, field: "code") }
        var stored = participant
        stored.id = Identifier.make()
        try await sql.raw("""
            INSERT INTO participants (id, trajectory_id, code, stakeholder_group, vulnerable, age_band, district, created_at)
            VALUES (\(bind: stored.id), \(bind: stored.trajectoryID), \(bind: stored.code), \(bind: stored.group.rawValue),
                    \(bind: stored.vulnerable ? 1 : 0), \(bind: stored.ageBand), \(bind: stored.district), \(bind: Clock.now()))
            """).run()
        return stored
    }

    public func participants(organisationID: String, trajectoryID: String) async throws -> [Participant] {
        try await database.read { sql in
            try await Self.participants(sql: sql, organisationID: organisationID, trajectoryIDs: [trajectoryID])[trajectoryID] ?? []
        }
    }

    /// Logs a participant at an activity of the same trajectory; twice at one activity is refused.
    public func logParticipation(organisationID: String, _ participation: Participation) async throws {
        try await database.transaction { sql in try await Self.logParticipation(sql: sql, organisationID: organisationID, participation) }
    }

    public static func logParticipation(sql: any SQLDatabase, organisationID: String, _ participation: Participation) async throws {
        let same = try await sql.raw("""
            SELECT a.id FROM activities a JOIN participants p ON p.trajectory_id = a.trajectory_id
            JOIN trajectories t ON t.id = a.trajectory_id
            WHERE a.id = \(bind: participation.activityID) AND p.id = \(bind: participation.participantID)
              AND t.organisation_id = \(bind: organisationID)
            """).first()
        guard same != nil else { throw SamenError("participant_unknown", kind: .conflict, field: "participant") }
        let already = try await sql.raw("""
            SELECT participant_id FROM participations
            WHERE participant_id = \(bind: participation.participantID) AND activity_id = \(bind: participation.activityID)
            """).first()
        if already != nil { throw SamenError("participation_duplicate", kind: .conflict, field: "participant") }
        try await sql.raw("""
            INSERT INTO participations (participant_id, activity_id, role, consent, contributions, created_at)
            VALUES (\(bind: participation.participantID), \(bind: participation.activityID), \(bind: participation.role),
                    \(bind: participation.consent.rawValue), \(bind: participation.contributions), \(bind: Clock.now()))
            """).run()
    }

    public func participations(organisationID: String, trajectoryID: String) async throws -> [Participation] {
        try await database.read { sql in
            try await Self.participations(sql: sql, organisationID: organisationID, trajectoryIDs: [trajectoryID])[trajectoryID] ?? []
        }
    }

    /// Everything the analyses need, read for one trajectory.
    public func facts(organisationID: String, trajectory: Trajectory, decisions: [Decision], shares: [PopulationShare],
                      today: CalendarDate) async throws -> TrajectoryFacts {
        TrajectoryFacts(
            trajectory: trajectory,
            activities: try await activities(organisationID: organisationID, trajectoryID: trajectory.id),
            stakeholders: try await stakeholders(organisationID: organisationID, trajectoryID: trajectory.id),
            participants: try await participants(organisationID: organisationID, trajectoryID: trajectory.id),
            participations: try await participations(organisationID: organisationID, trajectoryID: trajectory.id),
            decisions: decisions, shares: shares, today: today)
    }

    static func decodeActivity(_ row: any SQLRow) throws -> Activity {
        try Activity(id: try row.decode(column: "id", as: String.self), trajectoryID: try row.decode(column: "trajectory_id", as: String.self),
                 phase: Phase(rawValue: try row.decode(column: "phase", as: String.self)) ?? .coInitiation,
                 kind: ActivityKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .session,
                 title: try row.decode(column: "title", as: String.self), date: try row.decode(column: "activity_date", as: String.self),
                 place: try row.decode(column: "place", as: String.self), facilitator: try row.decode(column: "facilitator", as: String.self),
                 notes: try row.decode(column: "notes", as: String.self)).versioned(row)
    }
}
