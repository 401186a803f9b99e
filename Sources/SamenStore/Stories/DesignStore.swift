import SamenCore
import SQLKit

/// Personas and journey maps. Every card's evidence must be highlights of the same trajectory.
public struct DesignStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    static func requireHighlights(sql: any SQLDatabase, trajectoryID: String, ids: [String]) async throws {
        for id in ids {
            let belongs = try await sql.raw("""
                SELECT h.id FROM highlights h JOIN stories s ON s.id = h.story_id WHERE h.id = \(bind: id) AND s.trajectory_id = \(bind: trajectoryID)
                """).first()
            guard belongs != nil else { throw ValidationErrors([SamenError("highlight_unknown", kind: .conflict, field: "highlights")]) }
        }
    }

    public func createPersona(organisationID: String, _ persona: Persona) async throws -> Persona {
        try await database.transaction { sql in try await Self.insertPersona(sql: sql, organisationID: organisationID, persona) }
    }

    public static func insertPersona(sql: any SQLDatabase, organisationID: String, _ persona: Persona) async throws -> Persona {
        try await TrajectoryStore.requireOwned(sql: sql, organisationID: organisationID, trajectoryID: persona.trajectoryID)
        try await Self.requireHighlights(sql: sql, trajectoryID: persona.trajectoryID, ids: persona.highlightIDs)
        var stored = persona
        stored.id = Identifier.make()
        try await sql.raw("""
            INSERT INTO personas (id, trajectory_id, name, quote, age_band, situation, goals, needs, frustrations, channels,
                                  digital_skills, network, vulnerability, created_at)
            VALUES (\(bind: stored.id), \(bind: stored.trajectoryID), \(bind: stored.name), \(bind: stored.quote), \(bind: stored.ageBand),
                    \(bind: stored.situation), \(bind: stored.goals), \(bind: stored.needs), \(bind: stored.frustrations),
                    \(bind: stored.channels), \(bind: stored.digitalSkills), \(bind: stored.network), \(bind: stored.vulnerability),
                    \(bind: Clock.now()))
            """).run()
        for id in Set(stored.highlightIDs) {
            try await sql.raw("INSERT INTO persona_highlights (persona_id, highlight_id) VALUES (\(bind: stored.id), \(bind: id))").run()
        }
        return stored
    }

    public func personas(organisationID: String, trajectoryID: String) async throws -> [Persona] {
        try await database.read { sql in
            let links = try await sql.raw("""
                SELECT ph.persona_id, ph.highlight_id FROM persona_highlights ph JOIN personas p ON p.id = ph.persona_id
                JOIN trajectories t ON t.id = p.trajectory_id WHERE p.trajectory_id = \(bind: trajectoryID) AND t.organisation_id = \(bind: organisationID)
                """).all()
            var evidence: [String: [String]] = [:]
            for row in links {
                evidence[try row.decode(column: "persona_id", as: String.self), default: []].append(try row.decode(column: "highlight_id", as: String.self))
            }
            return try await sql.raw("""
                SELECT p.* FROM personas p JOIN trajectories t ON t.id = p.trajectory_id
                WHERE p.trajectory_id = \(bind: trajectoryID) AND t.organisation_id = \(bind: organisationID) ORDER BY p.created_at
                """).all().map { row in
                    func text(_ c: String) throws -> String { try row.decode(column: c, as: String.self) }
                    let id = try text("id")
                    return try Persona(id: id, trajectoryID: trajectoryID, name: try text("name"), quote: try text("quote"), ageBand: try text("age_band"),
                                   situation: try text("situation"), goals: try text("goals"), needs: try text("needs"),
                                   frustrations: try text("frustrations"), channels: try text("channels"), digitalSkills: try text("digital_skills"),
                                   network: try text("network"), vulnerability: try text("vulnerability"), highlightIDs: (evidence[id] ?? []).sorted()).versioned(row)
                }
        }
    }

    public func createJourney(organisationID: String, _ journey: Journey) async throws -> Journey {
        try await database.transaction { sql in try await Self.insertJourney(sql: sql, organisationID: organisationID, journey) }
    }

    public static func insertJourney(sql: any SQLDatabase, organisationID: String, _ journey: Journey) async throws -> Journey {
        let persona = try await sql.raw("""
            SELECT p.id FROM personas p JOIN trajectories t ON t.id = p.trajectory_id
            WHERE p.id = \(bind: journey.personaID) AND p.trajectory_id = \(bind: journey.trajectoryID) AND t.organisation_id = \(bind: organisationID)
            """).first()
        guard persona != nil else { throw SamenError.notFound }
        var stored = journey
        stored.id = Identifier.ordered()  // journeys made in one second keep their order
        try await sql.raw("""
            INSERT INTO journeys (id, trajectory_id, persona_id, scenario, kind, created_at)
            VALUES (\(bind: stored.id), \(bind: stored.trajectoryID), \(bind: stored.personaID), \(bind: stored.scenario),
                    \(bind: stored.kind.rawValue), \(bind: Clock.now()))
            """).run()
        return stored
    }

    public func journeys(organisationID: String, trajectoryID: String) async throws -> [Journey] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT j.* FROM journeys j JOIN trajectories t ON t.id = j.trajectory_id
                WHERE j.trajectory_id = \(bind: trajectoryID) AND t.organisation_id = \(bind: organisationID) ORDER BY j.created_at, j.id
                """).all().map { row in
                    try Journey(id: try row.decode(column: "id", as: String.self), trajectoryID: trajectoryID,
                            personaID: try row.decode(column: "persona_id", as: String.self), scenario: try row.decode(column: "scenario", as: String.self),
                            kind: Journey.Kind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .asIs).versioned(row)
                }
        }
    }

    @discardableResult
    public func addStep(organisationID: String, trajectoryID: String, _ step: JourneyStep) async throws -> JourneyStep {
        try await database.transaction { sql in try await Self.insertStep(sql: sql, organisationID: organisationID, trajectoryID: trajectoryID, step) }
    }

    public static func insertStep(sql: any SQLDatabase, organisationID: String, trajectoryID: String, _ step: JourneyStep) async throws -> JourneyStep {
        let journey = try await sql.raw("""
            SELECT j.id FROM journeys j JOIN trajectories t ON t.id = j.trajectory_id
            WHERE j.id = \(bind: step.journeyID) AND j.trajectory_id = \(bind: trajectoryID) AND t.organisation_id = \(bind: organisationID)
            """).first()
        guard journey != nil else { throw SamenError.notFound }
        try await Self.requireHighlights(sql: sql, trajectoryID: trajectoryID, ids: step.highlightIDs)
        let id = Identifier.make()
        try await sql.raw("""
            INSERT INTO journey_steps (id, journey_id, stage, position, touchpoint, channel, actor, emotion, pain_points, moment_of_truth,
                                       opportunities, frontstage, backstage, support, created_at)
            VALUES (\(bind: id), \(bind: step.journeyID), \(bind: step.stage), \(bind: step.position), \(bind: step.touchpoint),
                    \(bind: step.channel), \(bind: step.actor), \(bind: step.emotion), \(bind: step.painPoints), \(bind: step.momentOfTruth ? 1 : 0),
                    \(bind: step.opportunities), \(bind: step.frontstage), \(bind: step.backstage), \(bind: step.support), \(bind: Clock.now()))
            """).run()
        for highlight in Set(step.highlightIDs) {
            try await sql.raw("INSERT INTO journey_step_highlights (step_id, highlight_id) VALUES (\(bind: id), \(bind: highlight))").run()
        }
        var stored = step
        stored.id = id
        return stored
    }

    /// The steps of one journey in order (position, then when added).
    public func steps(organisationID: String, journeyID: String) async throws -> [JourneyStep] {
        try await steps(where: "j.id = \(bind: journeyID) AND t.organisation_id = \(bind: organisationID)")
    }

    /// Every step of a trajectory's journeys, journey by journey (in the order of `journeys`),
    /// in two queries whatever the number of journeys.
    public func steps(organisationID: String, trajectoryID: String) async throws -> [JourneyStep] {
        try await steps(where: "j.trajectory_id = \(bind: trajectoryID) AND t.organisation_id = \(bind: organisationID)")
    }

    func steps(where condition: SQLQueryString) async throws -> [JourneyStep] {
        try await database.read { sql in
            let links = try await sql.raw("""
                SELECT x.step_id, x.highlight_id FROM journey_step_highlights x JOIN journey_steps s ON s.id = x.step_id
                JOIN journeys j ON j.id = s.journey_id JOIN trajectories t ON t.id = j.trajectory_id
                WHERE \(condition)
                """).all()
            var evidence: [String: [String]] = [:]
            for row in links {
                evidence[try row.decode(column: "step_id", as: String.self), default: []].append(try row.decode(column: "highlight_id", as: String.self))
            }
            return try await sql.raw("""
                SELECT s.* FROM journey_steps s JOIN journeys j ON j.id = s.journey_id JOIN trajectories t ON t.id = j.trajectory_id
                WHERE \(condition) ORDER BY j.created_at, j.id, s.position, s.created_at
                """).all().map { row in
                    func text(_ c: String) throws -> String { try row.decode(column: c, as: String.self) }
                    let id = try text("id")
                    return try JourneyStep(id: id, journeyID: try text("journey_id"), stage: try text("stage"), position: try row.decode(column: "position", as: Int.self),
                                       touchpoint: try text("touchpoint"), channel: try text("channel"), actor: try text("actor"),
                                       emotion: try row.decode(column: "emotion", as: Int.self), painPoints: try text("pain_points"),
                                       momentOfTruth: try row.decode(column: "moment_of_truth", as: Int.self) != 0,
                                       opportunities: try text("opportunities"), frontstage: try text("frontstage"), backstage: try text("backstage"),
                                       support: try text("support"), highlightIDs: (evidence[id] ?? []).sorted()).versioned(row)
                }
        }
    }
}
