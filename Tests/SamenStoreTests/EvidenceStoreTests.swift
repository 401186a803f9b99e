import SamenCore
import SamenStore
import SamenTestSupport
import Testing

@Suite("Evidence store contract")
struct EvidenceStoreTests {
    @Test("highlights and insights stay in their organisation and go when the story is withdrawn", arguments: TestDatabase.kinds)
    func chain(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let w = try await TrajectoryStoreTests.world(database)
            let t = try await w.trajectories.create(organisationID: w.orgA, TrajectoryStoreTests.draft)
            let stories = StoryStore(database: database)
            let storyID = try await stories.add(StoryStoreTests.story(t.id, link: nil, receipt: "r", retention: "2030-01-01"), organisationID: w.orgA)
            let evidence = EvidenceStore(database: database)
            let draft = Highlight(id: "", storyID: storyID, start: 0, end: 6, quote: "Ik ben", dimensions: ["known", "clarity"],
                                  touchpoint: "telefoon", polarity: .destroyed, tags: ["wachten"])
            await #expect(throws: SamenError.notFound) { _ = try await evidence.addHighlight(organisationID: w.orgB, draft) }
            let highlight = try await evidence.addHighlight(organisationID: w.orgA, draft)
            #expect(try await evidence.highlights(organisationID: w.orgA, trajectoryID: t.id).first?.dimensions == ["known", "clarity"])
            #expect(try await evidence.highlights(organisationID: w.orgA, trajectoryID: t.id, storyID: "other").isEmpty)
            #expect(try await evidence.highlights(organisationID: w.orgB, trajectoryID: t.id).isEmpty)
            let other = try await w.trajectories.create(organisationID: w.orgA, TrajectoryStoreTests.draft)
            await #expect(throws: ValidationErrors([SamenError("highlight_unknown", kind: .conflict, field: "highlights")]),
                          "a highlight of another trajectory") {
                _ = try await evidence.createInsight(organisationID: w.orgA, trajectoryID: other.id, title: "x", description: "", highlightIDs: [highlight.id])
            }
            let insight = try await evidence.createInsight(organisationID: w.orgA, trajectoryID: t.id, title: "Bellen kost veel",
                                                           description: "", highlightIDs: [highlight.id])
            #expect(try await evidence.insights(organisationID: w.orgA, trajectoryID: t.id).first?.highlightIDs == [highlight.id])
            #expect(try await evidence.insights(organisationID: w.orgB, trajectoryID: t.id).isEmpty)
            #expect(try await stories.withdraw(receiptHash: "r"))
            #expect(try await evidence.highlights(organisationID: w.orgA, trajectoryID: t.id).isEmpty, "derived highlights go with the story")
            #expect(try await evidence.insights(organisationID: w.orgA, trajectoryID: t.id).first?.id == insight.id)
            #expect(try await evidence.insights(organisationID: w.orgA, trajectoryID: t.id).first?.highlightIDs == [])
        }
    }
}
