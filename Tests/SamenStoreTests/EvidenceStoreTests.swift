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

    @Test("a page of highlights is cut, sorted and counted in the database, and stays in its organisation", arguments: TestDatabase.kinds)
    func page(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let w = try await TrajectoryStoreTests.world(database)
            let t = try await w.trajectories.create(organisationID: w.orgA, TrajectoryStoreTests.draft)
            let stories = StoryStore(database: database)
            let first = try await stories.add(StoryStoreTests.story(t.id, link: nil, receipt: "r1", retention: "2030-01-01"), organisationID: w.orgA)
            let second = try await stories.add(StoryStoreTests.story(t.id, link: nil, receipt: "r2", retention: "2030-01-01"), organisationID: w.orgA)
            let evidence = EvidenceStore(database: database)
            for (index, quote) in ["bellen", "alleen", "wachten", "kwijt", "dubbel"].enumerated() {
                _ = try await evidence.addHighlight(organisationID: w.orgA, Highlight(
                    id: "", storyID: index.isMultiple(of: 2) ? first : second, start: index, end: index + 3, quote: quote,
                    dimensions: [], touchpoint: "", polarity: .created, tags: []))
            }
            let all = try await evidence.highlights(organisationID: w.orgA, trajectoryID: t.id)
            var walked: [String] = []
            for offset in stride(from: 0, to: 6, by: 2) {
                let found = try await evidence.highlightPage(organisationID: w.orgA, trajectoryID: t.id, ListQuery(offset: offset, limit: 2))
                #expect(found.total == 5)
                walked += found.highlights.map(\.id)
            }
            #expect(walked == all.map(\.id), "pages in the order they were made, none twice, none left out")
            let byQuote = try await evidence.highlightPage(organisationID: w.orgA, trajectoryID: t.id,
                                                           ListQuery(sort: "quote", descending: true, limit: 3))
            #expect(byQuote.highlights.map(\.quote) == ["wachten", "kwijt", "dubbel"])
            let ofFirst = try await evidence.highlightPage(organisationID: w.orgA, trajectoryID: t.id, storyID: first, ListQuery(sort: "quote"))
            #expect(ofFirst.total == 3 && ofFirst.highlights.map(\.quote) == ["bellen", "dubbel", "wachten"])
            let elsewhere = try await evidence.highlightPage(organisationID: w.orgB, trajectoryID: t.id, ListQuery())
            #expect(elsewhere.total == 0 && elsewhere.highlights.isEmpty, "another organisation sees none")
        }
    }
}
