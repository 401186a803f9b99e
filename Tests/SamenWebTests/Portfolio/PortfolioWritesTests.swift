import Foundation
import SamenCore
import SamenStore
import SamenTestSupport
import SamenWeb
import Testing

/// The portfolio use-cases on both databases: links within the trajectory only, status
/// moves with their history, versions, tenancy, roles and the audit entry of each write.
@Suite("Portfolio write use-cases")
struct PortfolioWritesTests {
    struct World {
        let voice: StoryWritesContractTests.World
        let writes: PortfolioWrites
        let insightID: String
        let otherInsightID: String
        var store: PortfolioStore { PortfolioStore(database: voice.database) }
    }

    /// Two trajectories of organisation A, each with an insight.
    static func world(_ database: Database) async throws -> World {
        let w = try await StoryWritesContractTests.world(database)
        let other = try await TrajectoryStore(database: database).create(organisationID: w.orgA, .init(
            title: "Schulden", service: "Hulp", goal: "Eerder", targetGroups: "", owner: "Ilse", startDate: "2026-01-05", endDate: nil))
        func insight(_ trajectoryID: String) async throws -> String {
            let story = try await w.writes.createInterview(w.ilse, trajectoryID: trajectoryID, StoryWritesContractTests.interview())
            var hl = HighlightInput()
            hl.quote = "De brief was onduidelijk"
            let highlight = try await w.writes.createHighlight(w.ilse, story: story, hl)
            var ins = InsightInput()
            ins.title = "Brieven zijn onduidelijk"; ins.highlightIDs = [highlight.id]
            return try await w.writes.createInsight(w.ilse, trajectoryID: trajectoryID, ins).id
        }
        return World(voice: w, writes: PortfolioWrites(database: database), insightID: try await insight(w.trajectoryID),
                     otherInsightID: try await insight(other.id))
    }

    static func input(_ insights: [String]) -> InterventionInput {
        var input = InterventionInput()
        input.title = "Brieven in gewone taal"; input.dimensions = ["clarity"]; input.horizon = "short"; input.effort = "low"
        input.cost = "12000"; input.insightIDs = insights
        return input
    }

    @Test("a trajectory's interventions are read with their own links and histories, each apart", arguments: TestDatabase.kinds)
    func readsKeepInterventionsApart(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let w = try await Self.world(database)
            let v = w.voice
            let linked = try await w.writes.createIntervention(v.ilse, trajectoryID: v.trajectoryID, Self.input([w.insightID]))
            var bare = Self.input([])
            bare.title = "Spreekuur"
            let unlinked = try await w.writes.createIntervention(v.ilse, trajectoryID: v.trajectoryID, bare)
            _ = try await w.writes.moveStatus(v.ilse, current: unlinked, StatusMoveInput(status: "planned", on: CalendarDate(unixTime: Clock.now()).description), expected: unlinked.version)
            let read = try await w.store.interventions(organisationID: v.orgA, trajectoryID: v.trajectoryID)
            #expect(read.map(\.id) == [linked.id, unlinked.id])
            #expect(read.map(\.insightIDs) == [[w.insightID], []])
            let histories = try await w.store.histories(organisationID: v.orgA, trajectoryID: v.trajectoryID)
            #expect(histories.map(\.interventionID) == [linked.id, unlinked.id, unlinked.id])
            #expect(histories.map(\.to) == [.idea, .idea, .planned])
            #expect(try await w.store.histories(organisationID: v.orgB, trajectoryID: v.trajectoryID).isEmpty, "another organisation reads none")
        }
    }

    @Test("an intervention links to its own trajectory's insights only; a foreign link stores nothing", arguments: TestDatabase.kinds)
    func links(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let w = try await Self.world(database)
            let v = w.voice
            let refused = try await #require(throws: ValidationErrors.self) {
                _ = try await w.writes.createIntervention(v.ilse, trajectoryID: v.trajectoryID, Self.input([w.insightID, w.otherInsightID]))
            }
            #expect(refused.errors.map(\.code) == ["link_unknown"] && refused.errors.first?.field == "insight_ids")
            #expect(try await w.store.interventions(organisationID: v.orgA, trajectoryID: v.trajectoryID).isEmpty, "nothing stored")

            let created = try await w.writes.createIntervention(v.ilse, trajectoryID: v.trajectoryID, Self.input([w.insightID]))
            let stored = try #require(try await w.store.intervention(organisationID: v.orgA, id: created.id))
            #expect(stored.insightIDs == [w.insightID] && stored.costEUR == 12_000 && stored.status == .idea && stored.version == 1)
            #expect(try await w.store.intervention(organisationID: v.orgB, id: created.id) == nil, "another organisation does not see it")
            #expect(try await w.store.history(organisationID: v.orgA, interventionID: created.id).map(\.to) == [.idea])
        }
    }

    @Test("status moves: one step at a time, with history; stale, foreign and viewer writes change nothing", arguments: TestDatabase.kinds)
    func statusAndVersions(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let w = try await Self.world(database)
            let v = w.voice
            let created = try await w.writes.createIntervention(v.ilse, trajectoryID: v.trajectoryID, Self.input([w.insightID]))
            let today = CalendarDate(unixTime: Clock.now()).description
            let skip = try await #require(throws: ValidationErrors.self) {
                _ = try await w.writes.moveStatus(v.ilse, current: created, StatusMoveInput(status: "evaluated", on: today), expected: 1)
            }
            #expect(skip.errors.map(\.code) == ["status_move_not_allowed"])
            let planned = try await w.writes.moveStatus(v.ilse, current: created, StatusMoveInput(status: "planned", on: today), expected: 1)
            #expect(planned.status == .planned && planned.version == 2)
            await #expect(throws: SamenError.stale) {
                _ = try await w.writes.moveStatus(v.ilse, current: created, StatusMoveInput(status: "planned", on: today), expected: 1)
            }
            await #expect(throws: SamenError.forbidden) {
                _ = try await w.writes.moveStatus(v.viewer, current: planned, StatusMoveInput(status: "in_experiment", on: today), expected: 2)
            }
            await #expect(throws: SamenError.notFound) {
                _ = try await w.writes.updateIntervention(v.intruder, current: planned, InterventionInput(planned), expected: 2)
            }
            var edit = InterventionInput(planned)
            edit.owner = "Team inkomen"
            let saved = try await w.writes.updateIntervention(v.ilse, current: planned, edit, expected: 2)
            #expect(saved.version == 3 && saved.status == .planned, "an edit keeps the status")
            await #expect(throws: SamenError.stale) { _ = try await w.writes.updateIntervention(v.ilse, current: planned, edit, expected: 2) }
            let history = try await w.store.history(organisationID: v.orgA, interventionID: created.id)
            #expect(history.map(\.to) == [.idea, .planned] && history.last?.from == .idea && history.last?.by == "Ilse")

            #expect(try await w.writes.interventionImpact(saved).items == [DeletionImpact.Item(key: "impact_status_changes", count: 2)])
            await #expect(throws: SamenError.stale) { try await w.writes.deleteIntervention(v.ilse, saved, expected: 2) }
            try await w.writes.deleteIntervention(v.ilse, saved, expected: 3)
            #expect(try await w.store.intervention(organisationID: v.orgA, id: created.id) == nil)
            #expect(try await w.store.history(organisationID: v.orgA, interventionID: created.id).isEmpty)

            let trail = try await v.trail().filter { $0.entity == "intervention" }
            #expect(trail.filter { $0.action == .create }.count == 1 && trail.filter { $0.action == .delete }.count == 1)
            #expect(Set(trail.filter { $0.action == .update }.map(\.fields)) == [["status", "status_since"], ["owner"]])
        }
    }

    @Test("maturity assessments: stored, corrected with a version, deleted; audited; others cannot reach them", arguments: TestDatabase.kinds)
    func assessments(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let w = try await Self.world(database)
            let v = w.voice
            var input = AssessmentInput()
            input.dimension = "known"; input.level = "4"; input.assessedOn = "2026-05-01"; input.assessors = "Ilse"; input.justification = "Sessie"
            input.targetShort = "4"; input.targetLong = "5"
            let created = try await w.writes.createAssessment(v.ilse, trajectoryID: v.trajectoryID, input)
            let growth = GrowthModelStore(database: database)
            #expect(try await growth.assessments(organisationID: v.orgA, trajectoryID: v.trajectoryID).map(\.level) == [4])
            #expect(try await growth.assessment(organisationID: v.orgB, id: created.id) == nil)
            input.level = "2"
            let saved = try await w.writes.updateAssessment(v.ilse, current: created, input, expected: 1)
            #expect(saved.level == 2 && saved.version == 2 && saved.targetMedium == nil && saved.targetLong == 5)
            await #expect(throws: SamenError.stale) { _ = try await w.writes.updateAssessment(v.ilse, current: created, input, expected: 1) }
            await #expect(throws: SamenError.forbidden) { try await w.writes.deleteAssessment(v.viewer, saved, expected: 2) }
            await #expect(throws: SamenError.notFound) { try await w.writes.deleteAssessment(v.intruder, saved, expected: 2) }
            try await w.writes.deleteAssessment(v.ilse, saved, expected: 2)
            #expect(try await growth.assessments(organisationID: v.orgA, trajectoryID: v.trajectoryID).isEmpty)
            let trail = try await v.trail().filter { $0.entity == "maturity_assessment" }
            #expect(trail.map(\.action).sorted { $0.rawValue < $1.rawValue } == [.create, .delete, .update])
            #expect(trail.first { $0.action == .update }?.fields == ["level"])
        }
    }
}
