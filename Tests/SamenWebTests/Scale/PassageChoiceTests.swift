import Foundation
import HummingbirdTesting
import SamenCore
import SamenStore
import SamenTestSupport
@testable import SamenWeb
import Testing

/// A large trajectory's insight form lists only the newest passages (issue 16: the page read
/// and rendered every highlight of the trajectory); a search finds the others, chosen
/// passages are always listed, and the insights keep their own quotes.
@Suite("Passage choices on a large trajectory")
struct PassageChoiceTests {
    /// Ilse logged in, the demo trajectory's path and id, and the demo organisation.
    static func demo(_ client: any TestClientProtocol, _ database: Database) async throws
        -> (Browser, String, String, Organisation) {
        let ilse = Browser(client)
        try await ilse.logIn(Demo.ilse)
        let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
        let trajectoryID = String(try #require(trajectory.split(separator: "/").last))
        let organisation = try #require(try await OrganisationStore(database: database).all().first { $0.slug == Demo.orgA })
        return (ilse, trajectory, trajectoryID, organisation)
    }

    /// `count` passages "<word> <n> klaar" on the trajectory's first story, with the polarity given per n.
    static func addPassages(_ count: Int, _ word: String, _ database: Database, _ organisation: Organisation, _ trajectoryID: String,
                            polarity: (Int) -> ValuePolarity) async throws {
        let story = try #require(try await StoryStore(database: database).stories(organisationID: organisation.id, trajectoryID: trajectoryID).first)
        let evidence = EvidenceStore(database: database)
        for number in 0..<count {
            _ = try await evidence.addHighlight(organisationID: organisation.id, Highlight(
                id: Identifier.make(), storyID: story.id, start: 0, end: 1, quote: "\(word) \(number) klaar",
                dimensions: [], touchpoint: "", polarity: polarity(number), tags: []))
        }
    }

    @Test("the insight and persona forms list the newest 100 passages, a search finds an old one, viewers get no form", arguments: TestDatabase.kinds)
    func newestAndSearch(kind: DatabaseKind) async throws {
        try await withConversationApp(kind: kind) { client, database in
            let (ilse, trajectory, trajectoryID, organisation) = try await Self.demo(client, database)
            let before = try await EvidenceStore(database: database).highlights(organisationID: organisation.id, trajectoryID: trajectoryID).count
            try await Self.addPassages(130, "proefpassage", database, organisation, trajectoryID) { _ in .none }
            let total = before + 130
            func boxes(_ text: String) -> Int { text.matches(of: /name="highlight" type="checkbox"/).count }

            let page = try await ilse.get(trajectory + "/insights")
            #expect(page.status == .ok)
            #expect(boxes(page.text) == EvidenceRoutes.PassageSearch.limit, "only the newest are listed")
            #expect(page.text.contains("100 van de \(total) passages"))
            #expect(page.text.contains(#"name="passages" type="search""#))
            #expect(page.text.contains("Mensen moeten hun verhaal steeds opnieuw vertellen"), "the insights keep their quotes")

            let found = try await ilse.get(trajectory + "/insights?passages=PROEFPASSAGE%203%20KLAAR%20")
            #expect(boxes(found.text) == 1 && found.text.contains("proefpassage 3 klaar"), "the search is case-insensitive")
            let wildcard = try await ilse.get(trajectory + "/insights?passages=%25")
            #expect(boxes(wildcard.text) == 0, "a % is a character, not a wildcard")

            let personas = try await ilse.get(trajectory + "/personas")
            #expect(boxes(personas.text) == EvidenceRoutes.PassageSearch.limit && personas.text.contains(#"name="passages""#),
                    "the persona form lists the same choices")
            let personaFound = try await ilse.get(trajectory + "/personas?passages=proefpassage%20117%20klaar")
            #expect(boxes(personaFound.text) == 1 && personaFound.text.contains("proefpassage 117 klaar"))

            let marco = Browser(client)
            try await marco.logIn(Demo.marco)
            let viewer = try await marco.get(trajectory + "/insights")
            #expect(boxes(viewer.text) == 0 && !viewer.text.contains(#"name="passages""#))
            let viewerPersonas = try await marco.get(trajectory + "/personas")
            #expect(viewerPersonas.status == .ok && boxes(viewerPersonas.text) == 0)
        }
    }

    @Test("highlights by id leave out another trajectory's and take long lists in slices", arguments: TestDatabase.kinds)
    func byID(kind: DatabaseKind) async throws {
        try await withConversationApp(kind: kind) { client, database in
            let (_, _, trajectoryID, organisation) = try await Self.demo(client, database)
            let evidence = EvidenceStore(database: database)
            let all = try await evidence.highlights(organisationID: organisation.id, trajectoryID: trajectoryID)
            let ids = all.map(\.id) + (0..<1200).map { _ in Identifier.make() }
            let found = try await evidence.highlights(organisationID: organisation.id, trajectoryID: trajectoryID, ids: ids)
            #expect(Set(found.map(\.id)) == Set(all.map(\.id)) && found.count == all.count)
            #expect(try await evidence.highlights(organisationID: organisation.id, trajectoryID: Identifier.make(), ids: ids).isEmpty)
            #expect(try await evidence.highlights(organisationID: Identifier.make(), trajectoryID: trajectoryID, ids: ids).isEmpty)
        }
    }

    @Test("the insights list is searched and paged, 50 a page, and reads only the shown insights' quotes", arguments: TestDatabase.kinds)
    func insightsPaged(kind: DatabaseKind) async throws {
        try await withConversationApp(kind: kind) { client, database in
            let (ilse, trajectory, trajectoryID, organisation) = try await Self.demo(client, database)
            let evidence = EvidenceStore(database: database)
            let passage = try #require(try await evidence.highlights(organisationID: organisation.id, trajectoryID: trajectoryID).first)
            let before = try await evidence.insights(organisationID: organisation.id, trajectoryID: trajectoryID).count
            for number in 0..<60 {
                _ = try await evidence.createInsight(organisationID: organisation.id, trajectoryID: trajectoryID,
                                                     title: "Proefinzicht \(number) klaar", description: "", highlightIDs: [passage.id])
            }
            func articles(_ text: String) -> Int { text.matches(of: /<article class="insight">/).count }
            let first = try await ilse.get(trajectory + "/insights")
            #expect(articles(first.text) == ListPage.pageSize)
            #expect(first.text.contains(#"rel="next""#) && !first.text.contains(#"rel="prev""#))
            let second = try await ilse.get(trajectory + "/insights?page=2")
            #expect(articles(second.text) == before + 60 - ListPage.pageSize && second.text.contains(#"rel="prev""#))
            let found = try await ilse.get(trajectory + "/insights?q=proefinzicht+42+KLAAR")
            #expect(articles(found.text) == 1 && found.text.contains("Proefinzicht 42 klaar"))
            #expect(found.text.contains(passage.quote), "the shown insight keeps its quote")
            let none = try await ilse.get(trajectory + "/insights?q=bestaatniet")
            #expect(articles(none.text) == 0 && none.text.contains("list-search"))
        }
    }

    @Test("the value register lists the newest 50 waiting highlights and the newest 100 passages as choices", arguments: TestDatabase.kinds)
    func valueRegister(kind: DatabaseKind) async throws {
        try await withConversationApp(kind: kind) { client, database in
            let (ilse, trajectory, trajectoryID, organisation) = try await Self.demo(client, database)
            let waitingBefore = try await ValueStore(database: database)
                .waitingEvidence(organisationID: organisation.id, trajectoryID: trajectoryID, limit: 1000).total
            try await Self.addPassages(120, "waardepassage", database, organisation, trajectoryID) { $0.isMultiple(of: 2) ? .created : .none }
            let page = try await ilse.get(trajectory + "/value")
            #expect(page.status == .ok)
            let waiting = page.text.matches(of: /name="highlight_id" value=/).count
            #expect(waiting == ValueRoutes.waitingShown)
            #expect(page.text.contains("nieuwste 50 van de \(waitingBefore + 60)"))
            let options = page.text.matches(of: /<option value="[0-9a-f-]{36}"/).count
            #expect(options == EvidenceRoutes.PassageSearch.limit, "the newest passages as choices")
            let found = try await ilse.get(trajectory + "/value?passages=waardepassage%207%20klaar")
            #expect(found.text.contains("“waardepassage 7 klaar”"))
        }
    }
}
