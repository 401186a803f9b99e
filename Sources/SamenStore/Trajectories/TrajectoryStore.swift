import SamenCore
import SQLKit

/// Trajectories, their phases, decision log, target population and dismissed advisor
/// warnings. Every method takes the organisation id and checks ownership in SQL.
public struct TrajectoryStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public struct Draft: Sendable {
        public var title, service, goal, targetGroups, owner, startDate: String
        public var endDate: String?

        public init(title: String, service: String, goal: String, targetGroups: String, owner: String, startDate: String, endDate: String?) {
            self.title = title
            self.service = service
            self.goal = goal
            self.targetGroups = targetGroups
            self.owner = owner
            self.startDate = startDate
            self.endDate = endDate
        }
    }

    /// A new trajectory starts in co-initiation.
    public func create(organisationID: String, _ draft: Draft) async throws -> Trajectory {
        try await database.transaction { sql in try await Self.create(sql: sql, organisationID: organisationID, draft) }
    }

    public static func create(sql: any SQLDatabase, organisationID: String, _ draft: Draft) async throws -> Trajectory {
        let id = Identifier.make()
        let now = Clock.now()
        try await sql.raw("""
            INSERT INTO trajectories (id, organisation_id, title, service, goal, target_groups, owner, start_date, end_date, created_at)
            VALUES (\(bind: id), \(bind: organisationID), \(bind: draft.title), \(bind: draft.service), \(bind: draft.goal),
                    \(bind: draft.targetGroups), \(bind: draft.owner), \(bind: draft.startDate), \(bind: draft.endDate), \(bind: now))
            """).run()
        try await sql.raw("""
            INSERT INTO trajectory_phases (trajectory_id, phase, status, changed_at)
            VALUES (\(bind: id), \(bind: Phase.coInitiation.rawValue), \(bind: PhaseStatus.open.rawValue), \(bind: now))
            """).run()
        return Trajectory(id: id, organisationID: organisationID, title: draft.title, service: draft.service, goal: draft.goal,
                          targetGroups: draft.targetGroups, owner: draft.owner, startDate: draft.startDate, endDate: draft.endDate,
                          phases: [.coInitiation: .open], createdAt: now)
    }

    public func list(organisationID: String) async throws -> [Trajectory] {
        try await database.read { sql in
            let rows = try await sql.raw("""
                SELECT * FROM trajectories WHERE organisation_id = \(bind: organisationID) ORDER BY start_date DESC, title
                """).all()
            let phases = try await sql.raw("""
                SELECT p.trajectory_id, p.phase, p.status FROM trajectory_phases p
                JOIN trajectories t ON t.id = p.trajectory_id WHERE t.organisation_id = \(bind: organisationID)
                """).all()
            let byTrajectory = try Self.phasesByTrajectory(phases)
            return try rows.map { try Self.decode($0, phases: byTrajectory) }
        }
    }

    /// A page of an organisation's trajectories: searched in title and service, sorted by a
    /// column (ties by id, so pages never overlap), with the total that matches.
    public func page(organisationID: String, _ query: ListQuery) async throws -> (trajectories: [Trajectory], total: Int) {
        let column = ["title": "title", "service": "service", "start": "start_date"][query.sort] ?? "start_date"
        let pattern = "%" + ListQuery.likeEscaped(query.search.lowercased()) + "%"
        let matches: SQLQueryString = """
            organisation_id = \(bind: organisationID)
            AND (LOWER(title) LIKE \(bind: pattern) ESCAPE '\\' OR LOWER(service) LIKE \(bind: pattern) ESCAPE '\\')
            """
        return try await database.read { sql in
            let total = try await sql.raw("SELECT COUNT(*) AS n FROM trajectories WHERE \(matches)").first()?.decode(column: "n", as: Int.self) ?? 0
            let rows = try await sql.raw("""
                SELECT * FROM trajectories WHERE \(matches)
                ORDER BY \(unsafeRaw: column) \(unsafeRaw: query.descending ? "DESC" : "ASC"), id LIMIT \(bind: query.limit) OFFSET \(bind: query.offset)
                """).all()
            let ids = try rows.map { try $0.decode(column: "id", as: String.self) }
            guard !ids.isEmpty else { return ([], total) }
            let phases = try await sql.raw("""
                SELECT trajectory_id, phase, status FROM trajectory_phases WHERE trajectory_id IN (\(SQLList(ids.map { SQLBind($0) })))
                """).all()
            let byTrajectory = try Self.phasesByTrajectory(phases)
            return (try rows.map { try Self.decode($0, phases: byTrajectory) }, total)
        }
    }

    /// Rows of (trajectory_id, phase, status), per trajectory.
    static func phasesByTrajectory(_ rows: [any SQLRow]) throws -> [String: [Phase: PhaseStatus]] {
        var byTrajectory: [String: [Phase: PhaseStatus]] = [:]
        for row in rows {
            if let phase = Phase(rawValue: try row.decode(column: "phase", as: String.self)),
               let status = PhaseStatus(rawValue: try row.decode(column: "status", as: String.self)) {
                byTrajectory[try row.decode(column: "trajectory_id", as: String.self), default: [:]][phase] = status
            }
        }
        return byTrajectory
    }

    public func trajectory(organisationID: String, id: String) async throws -> Trajectory? {
        try await database.read { sql in try await Self.load(sql: sql, organisationID: organisationID, id: id) }
    }

    /// The trajectory, or `notFound` when it does not exist in this organisation.
    public static func load(sql: any SQLDatabase, organisationID: String, id: String) async throws -> Trajectory? {
        guard let row = try await sql.raw("""
            SELECT * FROM trajectories WHERE id = \(bind: id) AND organisation_id = \(bind: organisationID)
            """).first() else { return nil }
        var phases: [Phase: PhaseStatus] = [:]
        for p in try await sql.raw("SELECT phase, status FROM trajectory_phases WHERE trajectory_id = \(bind: id)").all() {
            if let phase = Phase(rawValue: try p.decode(column: "phase", as: String.self)),
               let status = PhaseStatus(rawValue: try p.decode(column: "status", as: String.self)) { phases[phase] = status }
        }
        return try decode(row, phases: [id: phases])
    }

    public static func requireOwned(sql: any SQLDatabase, organisationID: String, trajectoryID: String) async throws {
        let row = try await sql.raw("""
            SELECT id FROM trajectories WHERE id = \(bind: trajectoryID) AND organisation_id = \(bind: organisationID)
            """).first()
        if row == nil { throw SamenError.notFound }
    }

    /// Saves edits; a changed goal is written to the decision log with its reason, in the same transaction.
    public func update(organisationID: String, id: String, _ draft: Draft, goalReason: String, decidedBy: String, today: String) async throws {
        try await database.transaction { sql in
            guard let current = try await Self.load(sql: sql, organisationID: organisationID, id: id) else { throw SamenError.notFound }
            try await sql.raw("""
                UPDATE trajectories SET title = \(bind: draft.title), service = \(bind: draft.service), goal = \(bind: draft.goal),
                    target_groups = \(bind: draft.targetGroups), owner = \(bind: draft.owner), start_date = \(bind: draft.startDate),
                    end_date = \(bind: draft.endDate)
                WHERE id = \(bind: id) AND organisation_id = \(bind: organisationID)
                """).run()
            if current.goal != draft.goal {
                try await Self.insertDecision(sql: sql, trajectoryID: id, kind: .goalChange, date: today,
                                              summary: draft.goal, reason: goalReason, decidedBy: decidedBy)
            }
        }
    }

    /// Opens, closes or reopens a phase, and logs it.
    public func setPhase(organisationID: String, id: String, phase: Phase, status: PhaseStatus, decidedBy: String, today: String) async throws {
        try await database.transaction { sql in
            try await Self.setPhase(sql: sql, organisationID: organisationID, id: id, phase: phase, status: status, decidedBy: decidedBy, today: today)
        }
    }

    public static func setPhase(sql: any SQLDatabase, organisationID: String, id: String, phase: Phase, status: PhaseStatus, decidedBy: String,
                                today: String) async throws {
        try await Self.requireOwned(sql: sql, organisationID: organisationID, trajectoryID: id)
        try await sql.raw("DELETE FROM trajectory_phases WHERE trajectory_id = \(bind: id) AND phase = \(bind: phase.rawValue)").run()
        try await sql.raw("""
            INSERT INTO trajectory_phases (trajectory_id, phase, status, changed_at)
            VALUES (\(bind: id), \(bind: phase.rawValue), \(bind: status.rawValue), \(bind: Clock.now()))
            """).run()
        try await Self.insertDecision(sql: sql, trajectoryID: id, kind: .phaseChange, date: today,
                                      summary: "\(phase.rawValue):\(status.rawValue)", reason: "", decidedBy: decidedBy)
    }

    public func addDecision(organisationID: String, trajectoryID: String, date: String, summary: String, reason: String,
                            decidedBy: String) async throws {
        try await database.transaction { sql in
            try await Self.requireOwned(sql: sql, organisationID: organisationID, trajectoryID: trajectoryID)
            try await Self.insertDecision(sql: sql, trajectoryID: trajectoryID, kind: .decision, date: date, summary: summary,
                                          reason: reason, decidedBy: decidedBy)
        }
    }

    @discardableResult
    public static func insertDecision(sql: any SQLDatabase, trajectoryID: String, kind: Decision.Kind, date: String, summary: String,
                                      reason: String, decidedBy: String) async throws -> String {
        let id = Identifier.make()
        try await sql.raw("""
            INSERT INTO decisions (id, trajectory_id, kind, decision_date, summary, reason, decided_by, created_at)
            VALUES (\(bind: id), \(bind: trajectoryID), \(bind: kind.rawValue), \(bind: date), \(bind: summary),
                    \(bind: reason), \(bind: decidedBy), \(bind: Clock.now()))
            """).run()
        return id
    }

    public func decisions(organisationID: String, trajectoryID: String) async throws -> [Decision] {
        try await database.read { sql in
            try await Self.decisions(sql: sql, organisationID: organisationID, trajectoryIDs: [trajectoryID])[trajectoryID] ?? []
        }
    }

    /// Replaces the target shares of one variable, all at once.
    public func setShares(organisationID: String, trajectoryID: String, variable: String, shares: [(String, Double)]) async throws {
        try await database.transaction { sql in
            try await Self.requireOwned(sql: sql, organisationID: organisationID, trajectoryID: trajectoryID)
            try await sql.raw("DELETE FROM population_shares WHERE trajectory_id = \(bind: trajectoryID) AND variable = \(bind: variable)").run()
            for (level, percent) in shares {
                try await sql.raw("""
                    INSERT INTO population_shares (trajectory_id, variable, level, percent)
                    VALUES (\(bind: trajectoryID), \(bind: variable), \(bind: level), \(bind: percent))
                    """).run()
            }
        }
    }

    public func shares(organisationID: String, trajectoryID: String) async throws -> [PopulationShare] {
        try await database.read { sql in
            try await Self.shares(sql: sql, organisationID: organisationID, trajectoryIDs: [trajectoryID])[trajectoryID] ?? []
        }
    }

    public struct Dismissal: Sendable, Equatable {
        public var challenge: Int
        public var reason: String
        public var dismissedBy: String
    }

    public func dismiss(organisationID: String, trajectoryID: String, challenge: Int, reason: String, by: String) async throws {
        try await database.transaction { sql in
            try await Self.requireOwned(sql: sql, organisationID: organisationID, trajectoryID: trajectoryID)
            try await sql.raw("DELETE FROM challenge_dismissals WHERE trajectory_id = \(bind: trajectoryID) AND challenge = \(bind: challenge)").run()
            try await sql.raw("""
                INSERT INTO challenge_dismissals (trajectory_id, challenge, reason, dismissed_by, dismissed_at)
                VALUES (\(bind: trajectoryID), \(bind: challenge), \(bind: reason), \(bind: by), \(bind: Clock.now()))
                """).run()
        }
    }

    public func dismissals(organisationID: String, trajectoryID: String) async throws -> [Dismissal] {
        try await database.read { sql in
            try await Self.dismissals(sql: sql, organisationID: organisationID, trajectoryIDs: [trajectoryID])[trajectoryID] ?? []
        }
    }

    static func decode(_ row: any SQLRow, phases: [String: [Phase: PhaseStatus]]) throws -> Trajectory {
        let id = try row.decode(column: "id", as: String.self)
        return try Trajectory(
            id: id, organisationID: try row.decode(column: "organisation_id", as: String.self),
            title: try row.decode(column: "title", as: String.self), service: try row.decode(column: "service", as: String.self),
            goal: try row.decode(column: "goal", as: String.self), targetGroups: try row.decode(column: "target_groups", as: String.self),
            owner: try row.decode(column: "owner", as: String.self), startDate: try row.decode(column: "start_date", as: String.self),
            endDate: try row.decode(column: "end_date", as: String?.self), phases: phases[id] ?? [:],
            createdAt: try row.decode(column: "created_at", as: Int64.self)).versioned(row)
    }
}
