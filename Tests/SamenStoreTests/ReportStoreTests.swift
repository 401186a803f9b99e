import SamenCore
import SamenStore
import SamenTestSupport
import Testing

@Suite("Report store contract")
struct ReportStoreTests {
    @Test("only approved stories with publication consent can be quoted; the public report re-checks", arguments: TestDatabase.kinds)
    func consent(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let w = try await TrajectoryStoreTests.world(database)
            let t = try await w.trajectories.create(organisationID: w.orgA, TrajectoryStoreTests.draft)
            let stories = StoryStore(database: database)
            var draft = StoryStoreTests.story(t.id, link: nil, receipt: "r", retention: "2030-01-01")
            draft.consent.publication = true
            let storyID = try await stories.add(draft, organisationID: w.orgA)
            let highlight = try await EvidenceStore(database: database).addHighlight(organisationID: w.orgA, Highlight(
                id: "", storyID: storyID, start: 0, end: 2, quote: "Ik", dimensions: [], touchpoint: "", polarity: .none, tags: []))
            let reports = ReportStore(database: database)
            let refused = SamenError.validation("no_publication_consent", field: "quotes")
            await #expect(throws: refused, "not approved yet") {
                try await reports.save(organisationID: w.orgA, trajectoryID: t.id, intro: "x", quoteIDs: [highlight.id], actions: [:], publicToken: "tok")
            }
            #expect(try await reports.publicReport(token: "tok") == nil, "nothing was stored")
            try await stories.review(organisationID: w.orgA, id: storyID, pseudonymised: "Ik ben [NAAM]", specialCategory: false,
                                     retentionDate: "2030-01-01", approve: true, by: "Ilse")
            try await reports.save(organisationID: w.orgA, trajectoryID: t.id, intro: "Inleiding", quoteIDs: [highlight.id], actions: [:], publicToken: "tok")
            #expect(try await reports.publicReport(token: "tok")?.quotes.map(\.text) == ["Ik"])
            await #expect(throws: SamenError.notFound) {
                try await reports.save(organisationID: w.orgB, trajectoryID: t.id, intro: "", quoteIDs: [], actions: [:], publicToken: nil)
            }
            #expect(try await stories.withdraw(receiptHash: "r"))
            #expect(try await reports.publicReport(token: "tok")?.quotes.isEmpty == true, "a withdrawn story leaves the report")
        }
    }

    @Test("an approved story without publication consent cannot be quoted; nothing is stored", arguments: TestDatabase.kinds)
    func approvedWithoutConsent(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let w = try await TrajectoryStoreTests.world(database)
            let t = try await w.trajectories.create(organisationID: w.orgA, TrajectoryStoreTests.draft)
            let stories = StoryStore(database: database)
            var draft = StoryStoreTests.story(t.id, link: nil, receipt: "r", retention: "2030-01-01")
            draft.consent.publication = false
            let storyID = try await stories.add(draft, organisationID: w.orgA)
            try await stories.review(organisationID: w.orgA, id: storyID, pseudonymised: "Ik ben [NAAM]", specialCategory: false,
                                     retentionDate: "2030-01-01", approve: true, by: "Ilse")
            #expect(try await stories.story(organisationID: w.orgA, id: storyID)?.status == .approved)
            let highlight = try await EvidenceStore(database: database).addHighlight(organisationID: w.orgA, Highlight(
                id: "", storyID: storyID, start: 0, end: 2, quote: "Ik", dimensions: [], touchpoint: "", polarity: .none, tags: []))
            let reports = ReportStore(database: database)
            await #expect(throws: SamenError.validation("no_publication_consent", field: "quotes")) {
                try await reports.save(organisationID: w.orgA, trajectoryID: t.id, intro: "x", quoteIDs: [highlight.id], actions: [:], publicToken: "tok")
            }
            #expect(try await reports.publicReport(token: "tok") == nil, "nothing was stored")
        }
    }
}
