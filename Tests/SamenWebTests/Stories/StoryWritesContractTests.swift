import Foundation
import SamenCore
import SamenStore
import SamenTestSupport
import SamenWeb
import Testing

/// The voice use-cases on both databases: versions, tenancy, what a delete takes with it,
/// and the audit entry written with the change (field names, never values).
@Suite("Voice write use-cases")
struct StoryWritesContractTests {
    struct World {
        let database: Database
        let writes: StoryWrites
        let orgA: String
        let orgB: String
        let trajectoryID: String
        let ilse: WriteActor
        let intruder: WriteActor
        let viewer: WriteActor
        var stories: StoryStore { StoryStore(database: database) }
        var evidence: EvidenceStore { EvidenceStore(database: database) }
        var design: DesignStore { DesignStore(database: database) }
        var audit: AuditStore { AuditStore(database: database) }

        func story(_ id: String) async throws -> Story { try #require(try await stories.story(organisationID: orgA, id: id)) }
        func trail() async throws -> [AuditEntry] {
            try await audit.entries(organisationID: orgA, filter: AuditFilter(), limit: 200, cursor: nil).entries
        }
        /// The field lists of one record's update entries (entries of one second have no order among them).
        func updates(_ id: String) async throws -> Set<[String]> {
            Set(try await trail().filter { $0.entityID == id && $0.action == .update }.map(\.fields))
        }
    }

    static func world(_ database: Database) async throws -> World {
        let organisations = OrganisationStore(database: database)
        let a = try await organisations.create(name: "A", slug: "org-a")
        let b = try await organisations.create(name: "B", slug: "org-b")
        let trajectory = try await TrajectoryStore(database: database).create(organisationID: a.id, .init(
            title: "Bijstand", service: "Aanvraag", goal: "Sneller", targetGroups: "", owner: "Ilse", startDate: "2026-01-05", endDate: nil))
        return World(database: database, writes: StoryWrites(database: database), orgA: a.id, orgB: b.id, trajectoryID: trajectory.id,
                     ilse: WriteActor(organisationID: a.id, userID: nil, displayName: "Ilse", role: .administrator),
                     intruder: WriteActor(organisationID: b.id, userID: nil, displayName: "Sanne", role: .administrator),
                     viewer: WriteActor(organisationID: a.id, userID: nil, displayName: "Marco", role: .viewer))
    }

    static func interview(_ text: String = "Ik ben Jan Jansen, bel 0612345678. De brief was onduidelijk en ik wachtte lang.") -> InterviewInput {
        var input = InterviewInput()
        input.text = text
        return input
    }

    @Test("an interview is pseudonymised before it is stored; the original stays apart", arguments: TestDatabase.kinds)
    func interviewCreate(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let w = try await Self.world(database)
            await #expect(throws: SamenError.forbidden) { _ = try await w.writes.createInterview(w.viewer, trajectoryID: w.trajectoryID, Self.interview()) }
            await #expect(throws: SamenError.notFound) { _ = try await w.writes.createInterview(w.intruder, trajectoryID: w.trajectoryID, Self.interview()) }
            await #expect(throws: ValidationErrors([.validation("story_empty", field: "text")])) {
                _ = try await w.writes.createInterview(w.ilse, trajectoryID: w.trajectoryID, Self.interview("   "))
            }
            let story = try await w.writes.createInterview(w.ilse, trajectoryID: w.trajectoryID, Self.interview())
            #expect(story.source == .interview && story.version == 1)
            #expect(!story.pseudonymised.contains("0612345678") && story.original?.contains("0612345678") == true)
            let trail = try await w.trail()
            #expect(trail.map(\.action) == [.create] && trail.first?.entityID == story.id && trail.first?.entity == "story")
        }
    }

    @Test("a story edit needs the version it read; stale and foreign edits change nothing", arguments: TestDatabase.kinds)
    func storyVersions(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let w = try await Self.world(database)
            let story = try await w.writes.createInterview(w.ilse, trajectoryID: w.trajectoryID, Self.interview())
            var input = StoryInput(story)
            input.pseudonymised = "De brief was onduidelijk."
            input.district = "Noord"
            let saved = try await w.writes.updateStory(w.ilse, current: story, input, expected: 1)
            #expect(saved.version == 2 && saved.pseudonymised == "De brief was onduidelijk." && saved.district == "Noord")
            #expect(saved.original == story.original, "the original stays as given")
            input.district = "Zuid"
            await #expect(throws: SamenError.stale) { _ = try await w.writes.updateStory(w.ilse, current: story, input, expected: 1) }
            #expect(try await w.story(story.id).district == "Noord")
            await #expect(throws: SamenError.notFound) { _ = try await w.writes.updateStory(w.intruder, current: story, input, expected: 2) }
            await #expect(throws: SamenError.forbidden) { _ = try await w.writes.updateStory(w.viewer, current: story, input, expected: 2) }
            #expect(try await w.story(story.id).version == 2)
            let trail = try await w.trail()
            #expect(trail.count == 2, "the refused writes left no entry")
            #expect(try await w.updates(story.id) == [["district", "pseudonymised"]])
            #expect(!trail.flatMap(\.fields).joined().contains("Noord") && !trail.flatMap(\.fields).joined().contains("brief"), "names, never values")
            // Approval runs the identifier detectors again.
            input.pseudonymised = "Bel 0612345678"
            await #expect(throws: ValidationErrors.self) { _ = try await w.writes.updateStory(w.ilse, current: saved, input, approve: true, expected: 2) }
            input.pseudonymised = "De brief was onduidelijk."
            input.district = "Noord"
            let approved = try await w.writes.updateStory(w.ilse, current: saved, input, approve: true, expected: 2)
            #expect(approved.status == .approved && approved.version == 3)
            #expect(try await w.updates(story.id) == [["district", "pseudonymised"], ["status"]])
        }
    }

    @Test("highlights, insights, personas, journeys and steps: version, stale, tenancy, audit", arguments: TestDatabase.kinds)
    func chainVersions(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let w = try await Self.world(database)
            let story = try await w.writes.createInterview(w.ilse, trajectoryID: w.trajectoryID, Self.interview())
            var hl = HighlightInput()
            hl.quote = "De brief was onduidelijk"
            hl.dimensions = ["clarity"]
            let highlight = try await w.writes.createHighlight(w.ilse, story: story, hl)
            hl.touchpoint = "brief"
            let h2 = try await w.writes.updateHighlight(w.ilse, story: story, current: highlight, hl, expected: 1)
            #expect(h2.version == 2 && h2.start == highlight.start)
            await #expect(throws: SamenError.stale) { _ = try await w.writes.updateHighlight(w.ilse, story: story, current: highlight, hl, expected: 1) }
            await #expect(throws: SamenError.notFound) { _ = try await w.writes.updateHighlight(w.intruder, story: story, current: highlight, hl, expected: 2) }
            #expect(try await w.updates(highlight.id) == [["touchpoint"]])

            var ins = InsightInput()
            ins.title = "Brieven zijn onduidelijk"; ins.highlightIDs = [highlight.id]
            let insight = try await w.writes.createInsight(w.ilse, trajectoryID: w.trajectoryID, ins)
            ins.description = "Uit drie gesprekken"
            #expect(try await w.writes.updateInsight(w.ilse, current: insight, ins, expected: 1).version == 2)
            await #expect(throws: SamenError.stale) { _ = try await w.writes.updateInsight(w.ilse, current: insight, ins, expected: 1) }
            await #expect(throws: SamenError.notFound) { _ = try await w.writes.updateInsight(w.intruder, current: insight, ins, expected: 2) }
            #expect(try await w.evidence.insights(organisationID: w.orgA, trajectoryID: w.trajectoryID).first?.description == "Uit drie gesprekken")
            #expect(try await w.updates(insight.id) == [["description"]])

            var per = PersonaInput()
            per.name = "Anna"; per.highlightIDs = [highlight.id]
            let persona = try await w.writes.createPersona(w.ilse, trajectoryID: w.trajectoryID, per)
            per.needs = "Eén vast aanspreekpunt"
            #expect(try await w.writes.updatePersona(w.ilse, current: persona, per, expected: 1).version == 2)
            await #expect(throws: SamenError.stale) { _ = try await w.writes.updatePersona(w.ilse, current: persona, per, expected: 1) }
            await #expect(throws: SamenError.notFound) { _ = try await w.writes.updatePersona(w.intruder, current: persona, per, expected: 2) }
            #expect(try await w.updates(persona.id) == [["needs"]])

            var jr = JourneyInput()
            jr.scenario = "Bijstand aanvragen"; jr.kind = "as_is"
            let journey = try await w.writes.createJourney(w.ilse, persona: persona, jr)
            jr.kind = "to_be"
            #expect(try await w.writes.updateJourney(w.ilse, current: journey, jr, expected: 1).kind == .toBe)
            await #expect(throws: SamenError.stale) { _ = try await w.writes.updateJourney(w.ilse, current: journey, jr, expected: 1) }
            await #expect(throws: SamenError.notFound) { _ = try await w.writes.updateJourney(w.intruder, current: journey, jr, expected: 2) }

            var st = JourneyStepInput()
            st.stage = "Aanvragen"; st.position = "1"; st.touchpoint = "Brief"; st.channel = "letter"; st.emotion = "-1"; st.highlightIDs = [highlight.id]
            let step = try await w.writes.createStep(w.ilse, journey: journey, st)
            st.emotion = "-2"
            #expect(try await w.writes.updateStep(w.ilse, journey: journey, current: step, st, expected: 1).version == 2)
            await #expect(throws: SamenError.stale) { _ = try await w.writes.updateStep(w.ilse, journey: journey, current: step, st, expected: 1) }
            await #expect(throws: SamenError.notFound) { _ = try await w.writes.updateStep(w.intruder, journey: journey, current: step, st, expected: 2) }
            #expect(try await w.design.steps(organisationID: w.orgA, journeyID: journey.id).first?.emotion == -2)
            #expect(try await w.updates(step.id) == [["emotion"]])
            #expect(try await w.trail().filter { $0.entityID == step.id }.allSatisfy { $0.entity == "journey_step" })
        }
    }

    @Test("a delete takes with it exactly what its confirmation page listed", arguments: TestDatabase.kinds)
    func deleteImpact(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let w = try await Self.world(database)
            let story = try await w.writes.createInterview(w.ilse, trajectoryID: w.trajectoryID, Self.interview())
            var hl = HighlightInput()
            hl.quote = "De brief was onduidelijk"
            let first = try await w.writes.createHighlight(w.ilse, story: story, hl)
            hl.quote = "ik wachtte lang"
            let second = try await w.writes.createHighlight(w.ilse, story: story, hl)
            var ins = InsightInput()
            ins.title = "Wachten"; ins.highlightIDs = [first.id, second.id]
            let insight = try await w.writes.createInsight(w.ilse, trajectoryID: w.trajectoryID, ins)
            var per = PersonaInput()
            per.name = "Anna"; per.highlightIDs = [first.id]
            let persona = try await w.writes.createPersona(w.ilse, trajectoryID: w.trajectoryID, per)
            var jr = JourneyInput()
            jr.scenario = "Aanvragen"; jr.kind = "as_is"
            let journey = try await w.writes.createJourney(w.ilse, persona: persona, jr)
            var st = JourneyStepInput()
            st.stage = "Start"; st.position = "1"; st.touchpoint = "Balie"; st.channel = "desk"; st.emotion = "0"
            _ = try await w.writes.createStep(w.ilse, journey: journey, st)

            let personaImpact = try await w.writes.personaImpact(persona)
            #expect(personaImpact.items == [.init(key: "impact_journeys", count: 1), .init(key: "impact_journey_steps", count: 1)])
            let storyImpact = try await w.writes.storyImpact(story)
            #expect(storyImpact.items == [.init(key: "impact_highlights", count: 2), .init(key: "impact_insight_evidence", count: 1),
                                          .init(key: "impact_persona_evidence", count: 1)])

            await #expect(throws: SamenError.stale) { try await w.writes.deleteStory(w.ilse, story, expected: 7) }
            await #expect(throws: SamenError.notFound) { try await w.writes.deleteStory(w.intruder, story, expected: 1) }
            #expect(try await w.evidence.highlights(organisationID: w.orgA, trajectoryID: w.trajectoryID).count == 2, "nothing went yet")
            try await w.writes.deleteStory(w.ilse, story, expected: 1)
            #expect(try await w.stories.story(organisationID: w.orgA, id: story.id) == nil)
            #expect(try await w.evidence.highlights(organisationID: w.orgA, trajectoryID: w.trajectoryID).isEmpty, "2 highlights went")
            #expect(try await w.evidence.insights(organisationID: w.orgA, trajectoryID: w.trajectoryID).map(\.highlightIDs) == [[]],
                    "the insight stays, without its passages")
            #expect(try await w.evidence.insights(organisationID: w.orgA, trajectoryID: w.trajectoryID).first?.id == insight.id)
            #expect(try await w.design.personas(organisationID: w.orgA, trajectoryID: w.trajectoryID).map(\.highlightIDs) == [[]])

            try await w.writes.deletePersona(w.ilse, persona, expected: persona.version)
            #expect(try await w.design.journeys(organisationID: w.orgA, trajectoryID: w.trajectoryID).isEmpty)
            #expect(try await w.design.steps(organisationID: w.orgA, journeyID: journey.id).isEmpty)
            let deletes = try await w.trail().filter { $0.action == .delete }
            #expect(Set(deletes.map(\.entity)) == ["persona", "story"] && deletes.count == 2 && deletes.allSatisfy { $0.fields.isEmpty })
        }
    }

    @Test("only a reviewer may read the original text, and the reading is named in the trail", arguments: TestDatabase.kinds)
    func readOriginal(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let w = try await Self.world(database)
            let story = try await w.writes.createInterview(w.ilse, trajectoryID: w.trajectoryID, Self.interview())
            await #expect(throws: SamenError.forbidden) { try await w.writes.readOriginal(w.viewer, story) }
            #expect(try await w.trail().filter { $0.action == .readOriginal }.isEmpty, "a refused reading leaves no entry")
            try await w.writes.readOriginal(w.ilse, story)
            let entry = try #require(try await w.trail().first { $0.action == .readOriginal })
            #expect(entry.actorName == w.ilse.displayName && entry.entityID == story.id && entry.fields.isEmpty)
        }
    }
}
