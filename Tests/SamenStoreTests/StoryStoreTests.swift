import SamenCore
import SamenStore
import SamenTestSupport
import Testing

@Suite("Story store contract")
struct StoryStoreTests {
    static func story(_ trajectoryID: String, link: String?, receipt: String?, retention: String) -> StoryStore.NewStory {
        .init(trajectoryID: trajectoryID, linkID: link, source: link == nil ? .interview : .publicLink, receiptHash: receipt,
              original: "Ik ben Jan, bel 0612345678", pseudonymised: "Ik ben [NAAM], bel [TELEFOON]",
              consent: .init(internalAnalysis: true, publication: false, reuse: false), ageBand: "65+", district: "Noord", channel: "balie",
              retentionDate: retention)
    }

    @Test("public stories need an open link; team reads stay inside the organisation", arguments: TestDatabase.kinds)
    func linksAndTenancy(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let w = try await TrajectoryStoreTests.world(database)
            let t = try await w.trajectories.create(organisationID: w.orgA, TrajectoryStoreTests.draft)
            let store = StoryStore(database: database)
            let link = try await store.createLink(organisationID: w.orgA, trajectoryID: t.id, token: "tok", title: "Vertel", questions: ["Wat ging goed?"])
            await #expect(throws: SamenError.notFound) {
                _ = try await store.createLink(organisationID: w.orgB, trajectoryID: t.id, token: "tok2", title: "x", questions: [])
            }
            #expect(try await store.link(token: "tok")?.questions == ["Wat ging goed?"])
            let id = try await store.add(Self.story(t.id, link: link.id, receipt: "r1", retention: "2030-01-01"), organisationID: nil)
            #expect(try await store.story(organisationID: w.orgA, id: id)?.pseudonymised == "Ik ben [NAAM], bel [TELEFOON]")
            #expect(try await store.story(organisationID: w.orgB, id: id) == nil)
            #expect(try await store.stories(organisationID: w.orgB, trajectoryID: t.id).isEmpty)
            try await store.setLinkOpen(organisationID: w.orgA, linkID: link.id, open: false)
            await #expect(throws: SamenError("story_link_closed", kind: .conflict)) {
                _ = try await store.add(Self.story(t.id, link: link.id, receipt: "r2", retention: "2030-01-01"), organisationID: nil)
            }
            #expect(try await store.stories(organisationID: w.orgA, trajectoryID: t.id).count == 1)
        }
    }

    @Test("review, withdraw by receipt, purge after retention", arguments: TestDatabase.kinds)
    func lifecycle(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let w = try await TrajectoryStoreTests.world(database)
            let t = try await w.trajectories.create(organisationID: w.orgA, TrajectoryStoreTests.draft)
            let store = StoryStore(database: database)
            let old = try await store.add(Self.story(t.id, link: nil, receipt: "old", retention: "2026-01-01"), organisationID: w.orgA)
            let kept = try await store.add(Self.story(t.id, link: nil, receipt: "kept", retention: "2030-01-01"), organisationID: w.orgA)
            try await store.review(organisationID: w.orgA, id: kept, pseudonymised: "Ik ben [NAAM].", specialCategory: true,
                                   retentionDate: "2031-01-01", approve: true, by: "Ilse")
            let reviewed = try #require(try await store.story(organisationID: w.orgA, id: kept))
            #expect(reviewed.status == .approved && reviewed.specialCategory && reviewed.retentionDate == "2031-01-01")
            await #expect(throws: SamenError.notFound) {
                try await store.review(organisationID: w.orgB, id: kept, pseudonymised: "x", specialCategory: false, retentionDate: "2031-01-01",
                                       approve: true, by: "x")
            }
            #expect(try await store.purgeExpired(today: "2026-06-01") == 1)
            #expect(try await store.story(organisationID: w.orgA, id: old)?.original == nil)
            #expect(try await store.story(organisationID: w.orgA, id: old)?.pseudonymised == "Ik ben [NAAM], bel [TELEFOON]")
            #expect(try await store.story(organisationID: w.orgA, id: kept)?.original != nil)
            #expect(try await store.withdraw(receiptHash: "kept"))
            #expect(try await store.story(organisationID: w.orgA, id: kept) == nil)
            #expect(try await store.withdraw(receiptHash: "kept") == false)
        }
    }
}

@Suite("Story search contract")
struct StorySearchTests {
    @Test("full-text search finds words in the pseudonymised text, follows edits and withdrawals, stays in the organisation",
          arguments: TestDatabase.kinds)
    func search(kind: DatabaseKind) async throws {
        try await TestDatabase.with(kind) { database, _ in
            let w = try await TrajectoryStoreTests.world(database)
            let t = try await w.trajectories.create(organisationID: w.orgA, TrajectoryStoreTests.draft)
            let store = StoryStore(database: database)
            var draft = StoryStoreTests.story(t.id, link: nil, receipt: "r1", retention: "2030-01-01")
            draft.pseudonymised = "De wasmachine ging kapot en de brief was onduidelijk."
            let id = try await store.add(draft, organisationID: w.orgA)
            var other = StoryStoreTests.story(t.id, link: nil, receipt: "r2", retention: "2030-01-01")
            other.pseudonymised = "Het loket was vriendelijk."
            _ = try await store.add(other, organisationID: w.orgA)
            #expect(try await store.search(organisationID: w.orgA, trajectoryID: t.id, query: "brief").map(\.id) == [id])
            #expect(try await store.search(organisationID: w.orgA, trajectoryID: t.id, query: "wasmachine brief").map(\.id) == [id])
            #expect(try await store.search(organisationID: w.orgA, trajectoryID: t.id, query: "\"brief\" * (").map(\.id) == [id],
                    "query syntax in the input is treated as words")
            #expect(try await store.search(organisationID: w.orgB, trajectoryID: t.id, query: "brief").isEmpty)
            #expect(try await store.search(organisationID: w.orgA, trajectoryID: t.id, query: "[NAAM] 0612345678").isEmpty, "originals are not indexed")
            try await store.review(organisationID: w.orgA, id: id, pseudonymised: "Alles ging goed.", specialCategory: false,
                                   retentionDate: "2030-01-01", approve: true, by: "Ilse")
            #expect(try await store.search(organisationID: w.orgA, trajectoryID: t.id, query: "brief").isEmpty)
            #expect(try await store.search(organisationID: w.orgA, trajectoryID: t.id, query: "goed").map(\.id) == [id])
            #expect(try await store.withdraw(receiptHash: "r1"))
            #expect(try await store.search(organisationID: w.orgA, trajectoryID: t.id, query: "goed").isEmpty)
        }
    }
}
