import SamenCore
import SQLKit

/// Experiments with their links. Reads name the organisation; the sql-level writes are
/// called by the experiment use-cases inside their transaction.
public struct ExperimentStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    static func owned(_ organisationID: String) -> SQLQueryString { TrajectoryRecordWrites.inOrganisation(organisationID) }

    /// The single links: each must name a record of the experiment's own trajectory.
    static let singles: [(field: String, source: String, value: @Sendable (Experiment) -> String?)] = [
        ("intervention_id", "SELECT r.id FROM interventions r WHERE r.trajectory_id", { $0.interventionID }),
        ("activity_id", "SELECT r.id FROM activities r WHERE r.trajectory_id", { $0.activityID }),
        ("survey_wave_id", "SELECT r.id FROM survey_waves r JOIN surveys s ON s.id = r.survey_id WHERE s.trajectory_id", { $0.surveyWaveID }),
    ]

    /// The lists of links, with the table that holds them.
    static let lists: [(table: String, column: String, source: String, field: String)] = [
        ("experiment_participants", "participant_id", "SELECT r.id FROM participants r WHERE r.trajectory_id", "participant_ids"),
        ("experiment_stories", "story_id", "SELECT r.id FROM stories r WHERE r.trajectory_id", "story_ids"),
    ]

    // MARK: reads

    public func experiments(organisationID: String, trajectoryID: String) async throws -> [Experiment] {
        try await database.read { sql in
            try await Self.experiments(sql: sql, where: "trajectory_id = \(bind: trajectoryID) AND \(Self.owned(organisationID))")
        }
    }

    public func experiment(organisationID: String, id: String) async throws -> Experiment? {
        try await database.read { sql in
            try await Self.experiments(sql: sql, where: "id = \(bind: id) AND \(Self.owned(organisationID))").first
        }
    }

    /// The experiments that test an intervention.
    public func experiments(organisationID: String, interventionID: String) async throws -> [Experiment] {
        try await database.read { sql in
            try await Self.experiments(sql: sql, where: "intervention_id = \(bind: interventionID) AND \(Self.owned(organisationID))")
        }
    }

    /// Experiments of a trajectory that ended more than `ExperimentRules.learningGraceWeeks`
    /// weeks before `today` and still have no learning card (for the list flag and the advisor).
    public func withoutLearning(organisationID: String, trajectoryID: String, today: CalendarDate) async throws -> [Experiment] {
        let before = ExperimentRules.overdueBefore(today: today).description
        return try await database.read { sql in
            try await Self.experiments(sql: sql, where: """
                trajectory_id = \(bind: trajectoryID) AND \(Self.owned(organisationID)) AND decision IS NULL
                AND ends_on IS NOT NULL AND ends_on < \(bind: before)
                """)
        }
    }

    /// The interventions that rest, through their insights, on passages of a story: the chain back from a story.
    public func interventionIDs(organisationID: String, storyID: String) async throws -> [String] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT DISTINCT ii.intervention_id AS id FROM intervention_insights ii
                JOIN insight_highlights ih ON ih.insight_id = ii.insight_id
                JOIN highlights h ON h.id = ih.highlight_id
                JOIN interventions i ON i.id = ii.intervention_id
                WHERE h.story_id = \(bind: storyID) AND i.\(Self.owned(organisationID)) ORDER BY id
                """).all().map { try $0.decode(column: "id", as: String.self) }
        }
    }

    /// Experiments that name a story as evidence or test an intervention that rests on it.
    public func experiments(organisationID: String, storyID: String) async throws -> [Experiment] {
        let interventions = try await interventionIDs(organisationID: organisationID, storyID: storyID)
        return try await database.read { sql in
            let tested: SQLQueryString = interventions.isEmpty ? "" : " OR intervention_id IN (\(binds: interventions))"
            return try await Self.experiments(sql: sql, where: """
                \(Self.owned(organisationID)) AND (id IN (SELECT experiment_id FROM experiment_stories WHERE story_id = \(bind: storyID))\(tested))
                """)
        }
    }

    static func experiments(sql: any SQLDatabase, where condition: SQLQueryString) async throws -> [Experiment] {
        let rows = try await sql.raw("SELECT * FROM experiments WHERE \(condition) ORDER BY created_at, id").all()
        var found: [Experiment] = []
        for row in rows {
            func text(_ c: String) throws -> String { try row.decode(column: c, as: String.self) }
            func optional(_ c: String) throws -> String? { try row.decode(column: c, as: String?.self) }
            let id = try text("id")
            var ids: [[String]] = []
            for link in lists {
                ids.append(try await sql.raw("""
                    SELECT \(unsafeRaw: link.column) AS target FROM \(unsafeRaw: link.table) WHERE experiment_id = \(bind: id) ORDER BY target
                    """).all().map { try $0.decode(column: "target", as: String.self) })
            }
            found.append(Experiment(
                id: id, trajectoryID: try text("trajectory_id"), interventionID: try optional("intervention_id"), title: try text("title"),
                belief: try text("belief"), test: try text("test"), metric: try text("metric"), criterion: try text("criterion"),
                startsOn: try optional("starts_on"), endsOn: try optional("ends_on"), observed: try text("observed"), learned: try text("learned"),
                decision: try optional("decision").flatMap(ExperimentDecision.init(rawValue:)), activityID: try optional("activity_id"),
                participantIDs: ids[0], storyIDs: ids[1], surveyWaveID: try optional("survey_wave_id"), measurements: try text("measurements"),
                version: try row.decode(column: "row_version", as: Int.self)))
        }
        return found
    }

    // MARK: writes

    public static func insertExperiment(sql: any SQLDatabase, organisationID: String, _ experiment: Experiment) async throws -> Experiment {
        try await TrajectoryStore.requireOwned(sql: sql, organisationID: organisationID, trajectoryID: experiment.trajectoryID)
        try await checkLinks(sql: sql, experiment)
        var e = experiment
        e.id = Identifier.make()
        e.version = 1
        try await sql.raw("""
            INSERT INTO experiments (id, trajectory_id, intervention_id, title, belief, test, metric, criterion, starts_on, ends_on, observed,
                                     learned, decision, activity_id, survey_wave_id, measurements, created_at)
            VALUES (\(bind: e.id), \(bind: e.trajectoryID), \(bind: e.interventionID), \(bind: e.title), \(bind: e.belief), \(bind: e.test),
                    \(bind: e.metric), \(bind: e.criterion), \(bind: e.startsOn), \(bind: e.endsOn), \(bind: e.observed), \(bind: e.learned),
                    \(bind: e.decision?.rawValue), \(bind: e.activityID), \(bind: e.surveyWaveID), \(bind: e.measurements), \(bind: Clock.now()))
            """).run()
        try await relink(sql: sql, e)
        return e
    }

    public static func updateExperiment(sql: any SQLDatabase, organisationID: String, _ e: Experiment, expected: Int?) async throws -> Int {
        try await TrajectoryStore.requireOwned(sql: sql, organisationID: organisationID, trajectoryID: e.trajectoryID)
        try await checkLinks(sql: sql, e)
        let version = try await VersionedWrites.update(
            sql: sql, table: "experiments", key: "id = \(bind: e.id)", owned: owned(organisationID),
            set: """
                intervention_id = \(bind: e.interventionID), title = \(bind: e.title), belief = \(bind: e.belief), test = \(bind: e.test),
                metric = \(bind: e.metric), criterion = \(bind: e.criterion), starts_on = \(bind: e.startsOn), ends_on = \(bind: e.endsOn),
                observed = \(bind: e.observed), learned = \(bind: e.learned), decision = \(bind: e.decision?.rawValue),
                activity_id = \(bind: e.activityID), survey_wave_id = \(bind: e.surveyWaveID), measurements = \(bind: e.measurements)
                """, expected: expected)
        try await relink(sql: sql, e)
        return version
    }

    /// Every link must name a record of the experiment's own trajectory (409 per field otherwise).
    static func checkLinks(sql: any SQLDatabase, _ e: Experiment) async throws {
        var errors: [SamenError] = []
        for link in singles {
            guard let id = link.value(e) else { continue }
            if try await sql.raw("\(unsafeRaw: link.source) = \(bind: e.trajectoryID) AND r.id = \(bind: id)").first() == nil {
                errors.append(SamenError("link_unknown", kind: .conflict, field: link.field))
            }
        }
        for (link, ids) in zip(lists, [e.participantIDs, e.storyIDs]) {
            for id in ids where !errors.contains(where: { $0.field == link.field }) {
                if try await sql.raw("\(unsafeRaw: link.source) = \(bind: e.trajectoryID) AND r.id = \(bind: id)").first() == nil {
                    errors.append(SamenError("link_unknown", kind: .conflict, field: link.field))
                }
            }
        }
        try ValidationErrors.check(errors)
    }

    static func relink(sql: any SQLDatabase, _ e: Experiment) async throws {
        for (link, ids) in zip(lists, [e.participantIDs, e.storyIDs]) {
            try await sql.raw("DELETE FROM \(unsafeRaw: link.table) WHERE experiment_id = \(bind: e.id)").run()
            for id in Set(ids) {
                try await sql.raw("INSERT INTO \(unsafeRaw: link.table) (experiment_id, \(unsafeRaw: link.column)) VALUES (\(bind: e.id), \(bind: id))").run()
            }
        }
    }

    public static func deleteExperiment(sql: any SQLDatabase, organisationID: String, id: String, expected: Int?) async throws {
        try await VersionedWrites.delete(sql: sql, table: "experiments", key: "id = \(bind: id)", owned: owned(organisationID), expected: expected)
    }

    /// Its links to participants and stories go with an experiment; the records themselves stay.
    public static func experimentImpact(sql: any SQLDatabase, id: String) async throws -> DeletionImpact {
        DeletionImpact([
            .init(key: "impact_experiment_participants",
                  count: try await VersionedWrites.count(sql: sql, "experiment_participants WHERE experiment_id = \(bind: id)")),
            .init(key: "impact_experiment_stories", count: try await VersionedWrites.count(sql: sql, "experiment_stories WHERE experiment_id = \(bind: id)")),
        ])
    }
}
