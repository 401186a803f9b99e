import SamenCore
import SQLKit

/// The advisor's facts of many trajectories at once (issue 16: the trajectory list read them
/// with a dozen queries a row). Each fact table is read by one query over all the ids
/// (`trajectory_id IN (…)`), and the rows are split per trajectory in the query's order, so
/// one trajectory's facts are the same whether it is read alone or with others. The
/// one-trajectory reads of the stores are these with one id.
extension ParticipationStore {
    /// The facts of every trajectory given (all of one organisation), in one connection use.
    public func facts(organisationID: String, trajectories: [Trajectory], today: CalendarDate) async throws -> [String: TrajectoryFacts] {
        let ids = trajectories.map(\.id)
        guard !ids.isEmpty else { return [:] }
        return try await database.read { sql in
            let activities = try await Self.activities(sql: sql, organisationID: organisationID, trajectoryIDs: ids)
            let stakeholders = try await Self.stakeholders(sql: sql, organisationID: organisationID, trajectoryIDs: ids)
            let participants = try await Self.participants(sql: sql, organisationID: organisationID, trajectoryIDs: ids)
            let participations = try await Self.participations(sql: sql, organisationID: organisationID, trajectoryIDs: ids)
            let decisions = try await TrajectoryStore.decisions(sql: sql, organisationID: organisationID, trajectoryIDs: ids)
            let shares = try await TrajectoryStore.shares(sql: sql, organisationID: organisationID, trajectoryIDs: ids)
            var facts: [String: TrajectoryFacts] = [:]
            for trajectory in trajectories {
                let id = trajectory.id
                facts[id] = TrajectoryFacts(trajectory: trajectory, activities: activities[id] ?? [], stakeholders: stakeholders[id] ?? [],
                                            participants: participants[id] ?? [], participations: participations[id] ?? [],
                                            decisions: decisions[id] ?? [], shares: shares[id] ?? [], today: today)
            }
            return facts
        }
    }

    static func activities(sql: any SQLDatabase, organisationID: String, trajectoryIDs ids: [String]) async throws -> [String: [Activity]] {
        try await grouped(sql.raw("""
            SELECT a.* FROM activities a JOIN trajectories t ON t.id = a.trajectory_id
            WHERE a.trajectory_id IN (\(binds: ids)) AND t.organisation_id = \(bind: organisationID)
            ORDER BY a.activity_date, a.created_at, a.id
            """).all(), decodeActivity)
    }

    /// Stakeholders with their latest position.
    static func stakeholders(sql: any SQLDatabase, organisationID: String, trajectoryIDs ids: [String]) async throws -> [String: [Stakeholder]] {
        let positions = try await sql.raw("""
            SELECT p.stakeholder_id, p.power, p.interest, p.position_date FROM stakeholder_positions p
            JOIN stakeholders s ON s.id = p.stakeholder_id JOIN trajectories t ON t.id = s.trajectory_id
            WHERE s.trajectory_id IN (\(binds: ids)) AND t.organisation_id = \(bind: organisationID)
            ORDER BY p.position_date, p.created_at, p.id
            """).all()
        var latest: [String: (Int, Int, String)] = [:]
        for row in positions {
            latest[try row.decode(column: "stakeholder_id", as: String.self)] = (
                try row.decode(column: "power", as: Int.self), try row.decode(column: "interest", as: Int.self),
                try row.decode(column: "position_date", as: String.self))
        }
        return try await grouped(sql.raw("""
            SELECT s.* FROM stakeholders s JOIN trajectories t ON t.id = s.trajectory_id
            WHERE s.trajectory_id IN (\(binds: ids)) AND t.organisation_id = \(bind: organisationID)
            ORDER BY s.stakeholder_group, s.name, s.id
            """).all()) { row in
                let id = try row.decode(column: "id", as: String.self)
                let position = latest[id]
                return try Stakeholder(
                    id: id, trajectoryID: try row.decode(column: "trajectory_id", as: String.self), name: try row.decode(column: "name", as: String.self),
                    group: StakeholderGroup(rawValue: try row.decode(column: "stakeholder_group", as: String.self)) ?? .citizen,
                    required: try row.decode(column: "required", as: Int.self) != 0,
                    hardToReach: try row.decode(column: "hard_to_reach", as: Int.self) != 0,
                    lowDigitalSkills: try row.decode(column: "low_digital_skills", as: Int.self) != 0,
                    languageNeeds: try row.decode(column: "language_needs", as: Int.self) != 0,
                    power: position?.0, interest: position?.1, positionDate: position?.2).versioned(row)
            }
    }

    static func participants(sql: any SQLDatabase, organisationID: String, trajectoryIDs ids: [String]) async throws -> [String: [Participant]] {
        try await grouped(sql.raw("""
            SELECT p.* FROM participants p JOIN trajectories t ON t.id = p.trajectory_id
            WHERE p.trajectory_id IN (\(binds: ids)) AND t.organisation_id = \(bind: organisationID) ORDER BY p.code, p.id
            """).all()) { row in
                try Participant(id: try row.decode(column: "id", as: String.self), trajectoryID: try row.decode(column: "trajectory_id", as: String.self),
                                code: try row.decode(column: "code", as: String.self),
                                group: StakeholderGroup(rawValue: try row.decode(column: "stakeholder_group", as: String.self)) ?? .citizen,
                                vulnerable: try row.decode(column: "vulnerable", as: Int.self) != 0,
                                ageBand: try row.decode(column: "age_band", as: String.self),
                                district: try row.decode(column: "district", as: String.self)).versioned(row)
            }
    }

    static func participations(sql: any SQLDatabase, organisationID: String, trajectoryIDs ids: [String]) async throws -> [String: [Participation]] {
        try await grouped(sql.raw("""
            SELECT x.*, a.trajectory_id FROM participations x JOIN activities a ON a.id = x.activity_id JOIN trajectories t ON t.id = a.trajectory_id
            WHERE a.trajectory_id IN (\(binds: ids)) AND t.organisation_id = \(bind: organisationID)
            ORDER BY a.activity_date, x.created_at, x.activity_id, x.participant_id
            """).all()) { row in
                try Participation(participantID: try row.decode(column: "participant_id", as: String.self),
                                  activityID: try row.decode(column: "activity_id", as: String.self),
                                  role: try row.decode(column: "role", as: String.self),
                                  consent: Consent(rawValue: try row.decode(column: "consent", as: String.self)) ?? .none,
                                  contributions: try row.decode(column: "contributions", as: Int.self)).versioned(row)
            }
    }
}

extension TrajectoryStore {
    /// The dismissed advisor warnings of every trajectory given, in one query.
    public func dismissals(organisationID: String, trajectoryIDs ids: [String]) async throws -> [String: [Dismissal]] {
        guard !ids.isEmpty else { return [:] }
        return try await database.read { sql in try await Self.dismissals(sql: sql, organisationID: organisationID, trajectoryIDs: ids) }
    }

    static func dismissals(sql: any SQLDatabase, organisationID: String, trajectoryIDs ids: [String]) async throws -> [String: [Dismissal]] {
        try await grouped(sql.raw("""
            SELECT d.trajectory_id, d.challenge, d.reason, d.dismissed_by FROM challenge_dismissals d JOIN trajectories t ON t.id = d.trajectory_id
            WHERE d.trajectory_id IN (\(binds: ids)) AND t.organisation_id = \(bind: organisationID) ORDER BY d.challenge
            """).all()) {
                Dismissal(challenge: try $0.decode(column: "challenge", as: Int.self), reason: try $0.decode(column: "reason", as: String.self),
                          dismissedBy: try $0.decode(column: "dismissed_by", as: String.self))
            }
    }

    static func decisions(sql: any SQLDatabase, organisationID: String, trajectoryIDs ids: [String]) async throws -> [String: [Decision]] {
        try await grouped(sql.raw("""
            SELECT d.* FROM decisions d JOIN trajectories t ON t.id = d.trajectory_id
            WHERE d.trajectory_id IN (\(binds: ids)) AND t.organisation_id = \(bind: organisationID)
            ORDER BY d.decision_date, d.created_at, d.id
            """).all()) { row in
                try Decision(id: try row.decode(column: "id", as: String.self), trajectoryID: try row.decode(column: "trajectory_id", as: String.self),
                             kind: Decision.Kind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .decision,
                             date: try row.decode(column: "decision_date", as: String.self),
                             summary: try row.decode(column: "summary", as: String.self),
                             reason: try row.decode(column: "reason", as: String.self),
                             decidedBy: try row.decode(column: "decided_by", as: String.self)).versioned(row)
            }
    }

    static func shares(sql: any SQLDatabase, organisationID: String, trajectoryIDs ids: [String]) async throws -> [String: [PopulationShare]] {
        try await grouped(sql.raw("""
            SELECT s.trajectory_id, s.variable, s.level, s.percent FROM population_shares s JOIN trajectories t ON t.id = s.trajectory_id
            WHERE s.trajectory_id IN (\(binds: ids)) AND t.organisation_id = \(bind: organisationID)
            ORDER BY s.variable, s.level
            """).all()) {
                PopulationShare(variable: try $0.decode(column: "variable", as: String.self), level: try $0.decode(column: "level", as: String.self),
                                percent: try $0.decode(column: "percent", as: Double.self))
            }
    }
}

/// Rows split by their `trajectory_id` column, each trajectory's in the rows' order.
func grouped<T>(_ rows: [any SQLRow], _ decode: (any SQLRow) throws -> T) throws -> [String: [T]] {
    var byTrajectory: [String: [T]] = [:]
    for row in rows {
        byTrajectory[try row.decode(column: "trajectory_id", as: String.self), default: []].append(try decode(row))
    }
    return byTrajectory
}
