import SamenCore
import SamenStore
import SamenTestSupport
import Testing

@Suite("Persona and journey store contract")
struct DesignStoreTests {
    @Test("personas and journeys rest on the trajectory's own highlights and stay in the organisation", arguments: TestDatabase.kinds)
    func personasAndJourneys(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let w = try await TrajectoryStoreTests.world(database)
            let t = try await w.trajectories.create(organisationID: w.orgA, TrajectoryStoreTests.draft)
            let storyID = try await StoryStore(database: database).add(
                StoryStoreTests.story(t.id, link: nil, receipt: "r", retention: "2030-01-01"), organisationID: w.orgA)
            let highlight = try await EvidenceStore(database: database).addHighlight(organisationID: w.orgA, Highlight(
                id: "", storyID: storyID, start: 0, end: 2, quote: "Ik", dimensions: [], touchpoint: "", polarity: .none, tags: []))
            let design = DesignStore(database: database)
            var draft = Persona(id: "", trajectoryID: t.id, name: "Anna", quote: "Ik wil één loket", ageBand: "65+", situation: "", goals: "",
                                needs: "", frustrations: "", channels: "", digitalSkills: "", network: "", vulnerability: "", highlightIDs: ["nope"])
            // A highlight that is not the trajectory's: a conflict with what is stored, by its field.
            await #expect(throws: ValidationErrors([SamenError("highlight_unknown", kind: .conflict, field: "highlights")])) {
                _ = try await design.createPersona(organisationID: w.orgA, draft)
            }
            draft.highlightIDs = [highlight.id]
            await #expect(throws: SamenError.notFound) { _ = try await design.createPersona(organisationID: w.orgB, draft) }
            let persona = try await design.createPersona(organisationID: w.orgA, draft)
            #expect(try await design.personas(organisationID: w.orgA, trajectoryID: t.id).first?.highlightIDs == [highlight.id])
            #expect(try await design.personas(organisationID: w.orgB, trajectoryID: t.id).isEmpty)
            let journey = try await design.createJourney(organisationID: w.orgA, Journey(id: "", trajectoryID: t.id, personaID: persona.id,
                                                                                          scenario: "Aanvraag", kind: .asIs))
            await #expect(throws: SamenError.notFound) {
                _ = try await design.createJourney(organisationID: w.orgB, Journey(id: "", trajectoryID: t.id, personaID: persona.id, scenario: "x", kind: .toBe))
            }
            for (position, emotion) in [(2, -2), (1, 1)] {
                try await design.addStep(organisationID: w.orgA, trajectoryID: t.id, JourneyStep(
                    id: "", journeyID: journey.id, stage: "Aanvragen", position: position, touchpoint: "Formulier", channel: "web", actor: "Anna",
                    emotion: emotion, painPoints: "", momentOfTruth: false, opportunities: "", frontstage: "", backstage: "", support: "",
                    highlightIDs: [highlight.id]))
            }
            #expect(try await design.steps(organisationID: w.orgA, journeyID: journey.id).map(\.emotion) == [1, -2], "ordered by position")
            #expect(try await design.steps(organisationID: w.orgB, journeyID: journey.id).isEmpty)

            // A second journey: the trajectory's steps come journey by journey, each in its own order.
            let later = try await design.createJourney(organisationID: w.orgA, Journey(id: "", trajectoryID: t.id, personaID: persona.id,
                                                                                        scenario: "Bezwaar", kind: .toBe))
            try await design.addStep(organisationID: w.orgA, trajectoryID: t.id, JourneyStep(
                id: "", journeyID: later.id, stage: "Bezwaar", position: 1, touchpoint: "Brief", channel: "post", actor: "Anna",
                emotion: 0, painPoints: "", momentOfTruth: false, opportunities: "", frontstage: "", backstage: "", support: "", highlightIDs: []))
            let all = try await design.steps(organisationID: w.orgA, trajectoryID: t.id)
            var perJourney: [JourneyStep] = []
            for j in try await design.journeys(organisationID: w.orgA, trajectoryID: t.id) {
                perJourney += try await design.steps(organisationID: w.orgA, journeyID: j.id)
            }
            #expect(all == perJourney && all.map(\.journeyID) == [journey.id, journey.id, later.id])
            #expect(all.map(\.highlightIDs) == [[highlight.id], [highlight.id], []])
            #expect(try await design.steps(organisationID: w.orgB, trajectoryID: t.id).isEmpty)
        }
    }
}
