import Foundation
import SamenCore
import SamenStore
import SamenTestSupport
import SamenWeb
import Testing

/// The experiment and learning-log use-cases and store on both databases: links within the
/// trajectory only, the overdue query, the chain from a story, versions, tenancy, roles and
/// the audit entry of each write.
@Suite("Experiment write use-cases and store")
struct ExperimentWritesTests {
    struct World {
        let portfolio: PortfolioWritesTests.World
        let writes: ExperimentWrites
        let interventionID: String
        let otherTrajectoryID: String
        let storyID: String
        var v: StoryWritesContractTests.World { portfolio.voice }
        var store: ExperimentStore { ExperimentStore(database: v.database) }
    }

    /// Trajectory T of organisation A with an intervention resting on a story's passage, and a second trajectory of A.
    static func world(_ database: Database) async throws -> World {
        let p = try await PortfolioWritesTests.world(database)
        let v = p.voice
        let intervention = try await p.writes.createIntervention(v.ilse, trajectoryID: v.trajectoryID, PortfolioWritesTests.input([p.insightID]))
        let other = try #require(try await TrajectoryStore(database: database).list(organisationID: v.orgA).first { $0.id != v.trajectoryID })
        let insight = try #require(try await v.evidence.insights(organisationID: v.orgA, trajectoryID: v.trajectoryID).first)
        let highlight = try #require(try await v.evidence.highlights(organisationID: v.orgA, trajectoryID: v.trajectoryID)
            .first { insight.highlightIDs.contains($0.id) })
        return World(portfolio: p, writes: ExperimentWrites(database: database), interventionID: intervention.id, otherTrajectoryID: other.id,
                     storyID: highlight.storyID)
    }

    static func input(_ intervention: String, end: String = "", learning: Bool = false) -> ExperimentInput {
        var input = ExperimentInput()
        input.title = "Proefbrief"; input.interventionID = intervention; input.belief = "Mensen begrijpen de brief"
        input.test = "Brief meegeven"; input.metric = "Wie weet de volgende stap"; input.criterion = "8 van de 10"; input.endsOn = end
        if learning { input.observed = "11 van de 14"; input.learned = "Gewone taal helpt"; input.decision = "persevere" }
        return input
    }

    static func daysAgo(_ n: Int) -> String { CalendarDate(daysSinceEpoch: CalendarDate(unixTime: Clock.now()).daysSinceEpoch - n).description }

    @Test("an experiment links to its own trajectory's intervention, activity, participants and stories only; a foreign link stores nothing",
          arguments: TestDatabase.kinds)
    func links(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let w = try await Self.world(database)
            let v = w.v
            let participation = ParticipationStore(database: database)
            func participant(_ trajectory: String, _ code: String) async throws -> String {
                try await participation.addParticipant(organisationID: v.orgA, Participant(
                    id: "", trajectoryID: trajectory, code: code, group: .citizen, vulnerable: false, ageBand: "", district: "")).id
            }
            let ownParticipant = try await participant(v.trajectoryID, "C-01"), foreignParticipant = try await participant(w.otherTrajectoryID, "C-02")
            let foreignActivity = try await participation.addActivity(organisationID: v.orgA, Activity(
                id: "", trajectoryID: w.otherTrajectoryID, phase: .coDesign, kind: .livingLab, title: "Lab", date: "2026-02-01", place: "",
                facilitator: "", notes: "")).id
            let foreignStory = try await v.writes.createInterview(v.ilse, trajectoryID: w.otherTrajectoryID, StoryWritesContractTests.interview()).id
            let foreignIntervention = try await w.portfolio.writes.createIntervention(v.ilse, trajectoryID: w.otherTrajectoryID,
                                                                                      PortfolioWritesTests.input([])).id
            var bad = Self.input(foreignIntervention)
            bad.activityID = foreignActivity; bad.participantIDs = [ownParticipant, foreignParticipant]; bad.storyIDs = [foreignStory]
            let refused = try await #require(throws: ValidationErrors.self) {
                _ = try await w.writes.createExperiment(v.ilse, trajectoryID: v.trajectoryID, bad)
            }
            #expect(Set(refused.errors.map(\.field)) == ["intervention_id", "activity_id", "participant_ids", "story_ids"])
            #expect(refused.errors.allSatisfy { $0.code == "link_unknown" && $0.kind == .conflict })
            #expect(try await w.store.experiments(organisationID: v.orgA, trajectoryID: v.trajectoryID).isEmpty, "nothing stored")

            var good = Self.input(w.interventionID)
            good.participantIDs = [ownParticipant]; good.storyIDs = [w.storyID]
            let created = try await w.writes.createExperiment(v.ilse, trajectoryID: v.trajectoryID, good)
            let stored = try #require(try await w.store.experiment(organisationID: v.orgA, id: created.id))
            #expect(stored.interventionID == w.interventionID && stored.participantIDs == [ownParticipant] && stored.storyIDs == [w.storyID])
            #expect(stored.version == 1 && stored.decision == nil)
            #expect(try await w.store.experiment(organisationID: v.orgB, id: created.id) == nil, "another organisation does not see it")
            #expect(try await w.store.experiments(organisationID: v.orgA, interventionID: w.interventionID).map(\.id) == [created.id])
            #expect(try await w.writes.experimentImpact(stored).items
                    == [.init(key: "impact_experiment_participants", count: 1), .init(key: "impact_experiment_stories", count: 1)])

            // The intervention going clears the link; the experiment and its other links stay.
            let intervention = try #require(try await w.portfolio.store.intervention(organisationID: v.orgA, id: w.interventionID))
            try await w.portfolio.writes.deleteIntervention(v.ilse, intervention, expected: nil)
            let after = try #require(try await w.store.experiment(organisationID: v.orgA, id: created.id))
            #expect(after.interventionID == nil && after.storyIDs == [w.storyID] && after.participantIDs == [ownParticipant])
        }
    }

    @Test("edits name their version; stale, foreign and viewer writes change nothing; each write is audited", arguments: TestDatabase.kinds)
    func versionsAndAudit(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let w = try await Self.world(database)
            let v = w.v
            let created = try await w.writes.createExperiment(v.ilse, trajectoryID: v.trajectoryID, Self.input(w.interventionID))
            let learned = Self.input(w.interventionID, learning: true)
            await #expect(throws: SamenError.forbidden) { _ = try await w.writes.updateExperiment(v.viewer, current: created, learned, expected: 1) }
            await #expect(throws: SamenError.notFound) { _ = try await w.writes.updateExperiment(v.intruder, current: created, learned, expected: 1) }
            let saved = try await w.writes.updateExperiment(v.ilse, current: created, learned, expected: 1)
            #expect(saved.version == 2 && saved.decision == .persevere)
            await #expect(throws: SamenError.stale) { _ = try await w.writes.updateExperiment(v.ilse, current: created, learned, expected: 1) }
            await #expect(throws: SamenError.stale) { try await w.writes.deleteExperiment(v.ilse, saved, expected: 1) }
            await #expect(throws: SamenError.forbidden) { try await w.writes.deleteExperiment(v.viewer, saved, expected: 2) }
            try await w.writes.deleteExperiment(v.ilse, saved, expected: 2)
            #expect(try await w.store.experiment(organisationID: v.orgA, id: created.id) == nil)
            let trail = try await v.trail().filter { $0.entity == "experiment" }
            #expect(trail.map(\.action).sorted { $0.rawValue < $1.rawValue } == [.create, .delete, .update])
            #expect(Set(trail.first { $0.action == .update }?.fields ?? []) == ["observed", "learned", "decision"])
        }
    }

    @Test("the overdue query finds experiments ended more than three weeks ago without a learning card, and no others", arguments: TestDatabase.kinds)
    func withoutLearning(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let w = try await Self.world(database)
            let v = w.v
            let overdue = try await w.writes.createExperiment(v.ilse, trajectoryID: v.trajectoryID, Self.input(w.interventionID, end: Self.daysAgo(22)))
            _ = try await w.writes.createExperiment(v.ilse, trajectoryID: v.trajectoryID, Self.input(w.interventionID, end: Self.daysAgo(21)))
            _ = try await w.writes.createExperiment(v.ilse, trajectoryID: v.trajectoryID, Self.input(w.interventionID, end: Self.daysAgo(60), learning: true))
            _ = try await w.writes.createExperiment(v.ilse, trajectoryID: v.trajectoryID, Self.input(""))
            let today = CalendarDate(unixTime: Clock.now())
            #expect(try await w.store.withoutLearning(organisationID: v.orgA, trajectoryID: v.trajectoryID, today: today).map(\.id) == [overdue.id])
            #expect(try await w.store.withoutLearning(organisationID: v.orgB, trajectoryID: v.trajectoryID, today: today).isEmpty)
            // Writing the learning card clears the flag.
            _ = try await w.writes.updateExperiment(v.ilse, current: overdue, Self.input(w.interventionID, end: Self.daysAgo(22), learning: true),
                                                    expected: 1)
            #expect(try await w.store.withoutLearning(organisationID: v.orgA, trajectoryID: v.trajectoryID, today: today).isEmpty)
        }
    }

    @Test("from a story to the interventions resting on it and the experiments testing them or citing it", arguments: TestDatabase.kinds)
    func chainFromStory(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let w = try await Self.world(database)
            let v = w.v
            let other = try await v.writes.createInterview(v.ilse, trajectoryID: v.trajectoryID, StoryWritesContractTests.interview("Een ander verhaal.")).id
            #expect(try await w.store.interventionIDs(organisationID: v.orgA, storyID: w.storyID) == [w.interventionID])
            #expect(try await w.store.interventionIDs(organisationID: v.orgA, storyID: other).isEmpty)
            #expect(try await w.store.interventionIDs(organisationID: v.orgB, storyID: w.storyID).isEmpty)
            let tests = try await w.writes.createExperiment(v.ilse, trajectoryID: v.trajectoryID, Self.input(w.interventionID))
            var cites = Self.input("")
            cites.storyIDs = [other]
            let citing = try await w.writes.createExperiment(v.ilse, trajectoryID: v.trajectoryID, cites)
            #expect(try await w.store.experiments(organisationID: v.orgA, storyID: w.storyID).map(\.id) == [tests.id])
            #expect(try await w.store.experiments(organisationID: v.orgA, storyID: other).map(\.id) == [citing.id])
            #expect(try await w.store.experiments(organisationID: v.orgB, storyID: other).isEmpty)
        }
    }

    @Test("lessons: stored newest first, corrected with a version, deleted; audited; others cannot reach them", arguments: TestDatabase.kinds)
    func lessons(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let w = try await Self.world(database)
            let v = w.v
            var input = LessonInput()
            input.learnedOn = "2026-03-01"; input.phase = "co_initiation"; input.kind = "worked"; input.summary = "Buurthuis werkte"
            let first = try await w.writes.createLesson(v.ilse, trajectoryID: v.trajectoryID, input)
            input.learnedOn = "2026-04-01"; input.summary = "Later geleerd"
            let second = try await w.writes.createLesson(v.ilse, trajectoryID: v.trajectoryID, input)
            let store = LessonStore(database: database)
            #expect(try await store.lessons(organisationID: v.orgA, trajectoryID: v.trajectoryID).map(\.id) == [second.id, first.id])
            #expect(try await store.lesson(organisationID: v.orgB, id: first.id) == nil)
            await #expect(throws: SamenError.notFound) { _ = try await w.writes.createLesson(v.intruder, trajectoryID: v.trajectoryID, input) }
            input.kind = "did_not_work"
            let saved = try await w.writes.updateLesson(v.ilse, current: second, input, expected: 1)
            #expect(saved.kind == .didNotWork && saved.version == 2)
            await #expect(throws: SamenError.stale) { _ = try await w.writes.updateLesson(v.ilse, current: second, input, expected: 1) }
            await #expect(throws: SamenError.forbidden) { try await w.writes.deleteLesson(v.viewer, saved, expected: 2) }
            await #expect(throws: SamenError.notFound) { try await w.writes.deleteLesson(v.intruder, saved, expected: 2) }
            try await w.writes.deleteLesson(v.ilse, saved, expected: 2)
            #expect(try await store.lessons(organisationID: v.orgA, trajectoryID: v.trajectoryID).map(\.id) == [first.id])
            let trail = try await v.trail().filter { $0.entity == "lesson" }
            #expect(trail.filter { $0.action == .create }.count == 2 && trail.filter { $0.action == .delete }.count == 1)
            #expect(trail.first { $0.action == .update }?.fields == ["kind"])
        }
    }
}
