import Foundation
import HummingbirdTesting
import SamenCore
import SamenStore
import SamenTestSupport
@testable import SamenWeb
import Testing

/// The edit forms, the stories list, the report and the experiment form of a large
/// trajectory list a bounded number of choices (issue 16: each read and rendered every
/// passage or story of the trajectory), and nothing already chosen is dropped by that.
@Suite("Bounded choices and paged lists on a large trajectory")
struct BoundedFormTests {
    static let limit = EvidenceRoutes.PassageSearch.limit

    static func boxes(_ text: String) -> Int { text.matches(of: /name="highlights" type="checkbox"/).count }

    @Test("an insight's edit form ticks its own passages beside the newest 100; a search finds another; a save keeps both",
          arguments: TestDatabase.kinds)
    func insightEdit(kind: DatabaseKind) async throws {
        try await withConversationApp(kind: kind) { client, database in
            let (ilse, _, trajectoryID, organisation) = try await PassageChoiceTests.demo(client, database)
            let evidence = EvidenceStore(database: database)
            let insight = try #require(try await evidence.insights(organisationID: organisation.id, trajectoryID: trajectoryID)
                .first { !$0.highlightIDs.isEmpty })
            try await PassageChoiceTests.addPassages(130, "bewerkpassage", database, organisation, trajectoryID) { _ in .none }
            let path = StoryPath.insightEdit.link(organisation.slug, trajectoryID, insight.id)

            let form = try await ilse.get(path)
            #expect(form.status == .ok)
            #expect(Set(DesignPassagesWebTests.checked(form, "highlights")) == Set(insight.highlightIDs), "its passages are ticked")
            #expect((Self.limit...Self.limit + insight.highlightIDs.count).contains(Self.boxes(form.text)), "the newest, not all")
            #expect(form.text.contains(#"name="passages" type="search""#), "a search finds the others")

            let searched = try await ilse.get(path + "?passages=bewerkpassage%207%20klaar")
            let offered = DesignPassagesWebTests.choices(searched, "highlights")
            let found = try #require(try await evidence.highlights(organisationID: organisation.id, trajectoryID: trajectoryID)
                .first { $0.quote == "bewerkpassage 7 klaar" })
            #expect(Set(offered) == Set(insight.highlightIDs + [found.id]), "the search result and the passages chosen before")

            let version = try #require(StoryEditWebTests.version(searched))
            let saved = try await ilse.post(path, pairs: [("title", insight.title), ("description", insight.description), ("version", version)]
                + (insight.highlightIDs + [found.id]).map { ("highlights", $0) })
            #expect(saved.status == .seeOther)
            let after = try #require(try await evidence.insights(organisationID: organisation.id, trajectoryID: trajectoryID)
                .first { $0.id == insight.id })
            #expect(Set(after.highlightIDs) == Set(insight.highlightIDs + [found.id]))
        }
    }

    @Test("the persona, step and value record edit forms offer the newest passages and a search", arguments: TestDatabase.kinds)
    func otherEditForms(kind: DatabaseKind) async throws {
        try await withConversationApp(kind: kind) { client, database in
            let (ilse, _, trajectoryID, organisation) = try await PassageChoiceTests.demo(client, database)
            try await PassageChoiceTests.addPassages(130, "vormpassage", database, organisation, trajectoryID) { _ in .none }
            let slug = organisation.slug
            let design = DesignStore(database: database)
            let persona = try #require(try await design.personas(organisationID: organisation.id, trajectoryID: trajectoryID).first)
            let personaForm = try await ilse.get(StoryPath.personaEdit.link(slug, trajectoryID, persona.id))
            #expect(Set(DesignPassagesWebTests.checked(personaForm, "highlights")) == Set(persona.highlightIDs))
            #expect(Self.boxes(personaForm.text) <= Self.limit + persona.highlightIDs.count && personaForm.text.contains(#"name="passages""#))

            var found: (Journey, JourneyStep)?
            for journey in try await design.journeys(organisationID: organisation.id, trajectoryID: trajectoryID) where found == nil {
                if let step = try await design.steps(organisationID: organisation.id, journeyID: journey.id).first { found = (journey, step) }
            }
            let (journey, step) = try #require(found)
            let stepForm = try await ilse.get(StoryPath.stepEdit.link(slug, trajectoryID, journey.id, step.id) + "?passages=vormpassage%2012%20")
            #expect(stepForm.status == .ok)
            #expect(stepForm.text.contains("“vormpassage 12 klaar”") && !stepForm.text.contains("“vormpassage 13 klaar”"), "the search narrows")
            #expect(Set(DesignPassagesWebTests.checked(stepForm, "highlights")) == Set(step.highlightIDs), "its own stay listed and ticked")

            let record = try #require(try await ValueStore(database: database).records(organisationID: organisation.id, trajectoryID: trajectoryID)
                .first { $0.highlightID != nil })
            let recordForm = try await ilse.get(ValuePath.recordEdit.link(slug, trajectoryID, record.id))
            let options = recordForm.text.matches(of: /<option value="[0-9a-f-]{36}"/).count
            #expect(options <= Self.limit + 1 && options >= Self.limit, "the newest passages and the record's own")
            #expect(recordForm.text.contains(#"<option value="\#(try #require(record.highlightID))" selected"#), "its passage stays chosen")
        }
    }

    @Test("the stories list shows 50 a page with a count, and a search still finds a story", arguments: TestDatabase.kinds)
    func storiesPaged(kind: DatabaseKind) async throws {
        try await withConversationApp(kind: kind) { client, database in
            let (ilse, trajectory, trajectoryID, organisation) = try await PassageChoiceTests.demo(client, database)
            let store = StoryStore(database: database)
            let before = try await store.stories(organisationID: organisation.id, trajectoryID: trajectoryID).count
            try await Self.addStories(60, "Proefverhaal", database, organisation, trajectoryID)
            func rows(_ text: String) -> Int { text.matches(of: /<tr><td>\d{4}-\d{2}-\d{2}<\/td>/).count }
            let first = try await ilse.get(trajectory + "/stories")
            #expect(first.status == .ok && rows(first.text) == ListPage.pageSize)
            #expect(first.text.contains("1–50 van \(before + 60)") || first.text.contains("van \(before + 60)"))
            #expect(first.text.contains(#"rel="next""#))
            let last = try await ilse.get(trajectory + "/stories?page=2")
            #expect(rows(last.text) == before + 60 - ListPage.pageSize && last.text.contains(#"rel="prev""#))
            let found = try await ilse.get(trajectory + "/stories?q=proefverhaal+42")
            #expect(found.text.contains("Proefverhaal 42 over de wachtkamer"))
            #expect(try await store.stories(organisationID: organisation.id, trajectoryID: trajectoryID, offset: 0, limit: 10).total == before + 60)
        }
    }

    @Test("the experiment form offers the newest 100 stories and an experiment's edit form keeps its own", arguments: TestDatabase.kinds)
    func experimentStories(kind: DatabaseKind) async throws {
        try await withConversationApp(kind: kind) { client, database in
            let (ilse, _, trajectoryID, organisation) = try await PassageChoiceTests.demo(client, database)
            let experiment = try #require(try await ExperimentStore(database: database).experiments(organisationID: organisation.id, trajectoryID: trajectoryID)
                .first { !$0.storyIDs.isEmpty })
            try await Self.addStories(120, "Experimentverhaal", database, organisation, trajectoryID)
            func offered(_ text: String) -> [String] {
                text.matches(of: /name="story_ids" type="checkbox" value="([^"]+)"/).map { String($0.output.1) }
            }
            let list = try await ilse.get(ExperimentPath.experiments.link(organisation.slug, trajectoryID))
            #expect(list.status == .ok && offered(list.text).count == ExperimentForm.storiesOffered)
            let edit = try await ilse.get(ExperimentPath.experimentEdit.link(organisation.slug, trajectoryID, experiment.id))
            #expect(Set(experiment.storyIDs).isSubset(of: Set(offered(edit.text))), "the stories it names stay listed")
            #expect(offered(edit.text).count <= ExperimentForm.storiesOffered + experiment.storyIDs.count)
            let page = try await ilse.get(ExperimentPath.experiment.link(organisation.slug, trajectoryID, experiment.id))
            for id in experiment.storyIDs { #expect(page.text.contains(StoryPath.story.link(organisation.slug, trajectoryID, id))) }
        }
    }

    @Test("the value register shows 50 records a page, keeps its filter in the paging links, and a few words per loss",
          arguments: TestDatabase.kinds)
    func valueRecordsPaged(kind: DatabaseKind) async throws {
        try await withConversationApp(kind: kind) { client, database in
            let (ilse, trajectory, trajectoryID, organisation) = try await PassageChoiceTests.demo(client, database)
            let ilseUser = try #require(try await UserStore(database: database).user(email: Demo.ilse))
            let actor = WriteActor(organisationID: organisation.id, userID: ilseUser.id, displayName: ilseUser.displayName, role: .facilitator)
            let before = try await ValueStore(database: database).records(organisationID: organisation.id, trajectoryID: trajectoryID)
            for number in 0..<70 {
                var input = ValueRecordInput()
                input.polarity = "destroyed"; input.beneficiary = "user"; input.valueType = "in_use"; input.moment = "customer_contact"
                input.creator = "front_line"; input.cause = "other"; input.description = "Proefverlies \(number)"
                _ = try await ValueWrites(database: database).create(actor, trajectoryID: trajectoryID, input)
            }
            func rows(_ text: String) -> Int { text.matches(of: /<tr id="record-/).count }
            let first = try await ilse.get(trajectory + "/value")
            #expect(first.status == .ok && rows(first.text) == ListPage.pageSize)
            let second = try await ilse.get(trajectory + "/value?page=2")
            #expect(rows(second.text) == before.count + 70 - ListPage.pageSize)
            let filtered = try await ilse.get(trajectory + "/value?beneficiary=user&kind=in_use")
            let matching = before.filter { $0.beneficiary == .user && $0.valueType == .inUse }.count + 70
            #expect(rows(filtered.text) == min(matching, ListPage.pageSize))
            #expect(filtered.text.contains("beneficiary=user&amp;kind=in_use&amp;sort=created&amp;dir=asc&amp;page=2"), "paging keeps the filter")
            let causeList = try #require(first.text.firstMatch(of: /<ul id="value-lost-cause">(.*?)<\/ul>/.dotMatchesNewlines()))
            let perCause = causeList.output.1.split(separator: "</li>").map { $0.matches(of: /<blockquote>/).count }
            #expect(perCause.allSatisfy { $0 <= ValueRoutes.wordsPerLoss } && perCause.contains(ValueRoutes.wordsPerLoss))
        }
    }

    /// `count` interviews "<word> <n> over de wachtkamer" in the trajectory, not for publication.
    static func addStories(_ count: Int, _ word: String, _ database: Database, _ organisation: Organisation, _ trajectoryID: String) async throws {
        let store = StoryStore(database: database)
        for number in 0..<count {
            let text = "\(word) \(number) over de wachtkamer"
            _ = try await store.add(.init(trajectoryID: trajectoryID, linkID: nil, source: .interview, receiptHash: nil, original: text,
                                          pseudonymised: text, consent: StoryConsent(internalAnalysis: true, publication: false, reuse: false),
                                          ageBand: "", district: "", channel: "", retentionDate: "2030-01-01"), organisationID: organisation.id)
        }
    }

    @Test("the report offers the chosen quotes and the newest publishable ones, and counts the others", arguments: TestDatabase.kinds)
    func reportQuotes(kind: DatabaseKind) async throws {
        try await withConversationApp(kind: kind) { client, database in
            let (ilse, trajectory, trajectoryID, organisation) = try await PassageChoiceTests.demo(client, database)
            let evidence = EvidenceStore(database: database)
            let all = try await evidence.highlights(organisationID: organisation.id, trajectoryID: trajectoryID)
            let stories = try await StoryStore(database: database).stories(organisationID: organisation.id, trajectoryID: trajectoryID)
            let publishable = Set(stories.filter { $0.consent.publication && $0.status == .approved }.map(\.id))
            let eligible = all.filter { publishable.contains($0.storyID) }
            let page = try await ilse.get(trajectory + "/report")
            #expect(page.status == .ok)
            let offered = page.text.matches(of: /name="quote" type="checkbox" value="([^"]+)"/).map { String($0.output.1) }
            #expect(Set(offered) == Set(eligible.map(\.id)), "at demo size every publishable quote, and only those")
            #expect(all.count > eligible.count, "the demo has passages a report may not quote")
            #expect(page.text.contains("niet toegestaan: \(all.count - eligible.count))"), "and counts them")
            let story = try #require(stories.first { publishable.contains($0.id) })
            for number in 0..<120 {
                _ = try await evidence.addHighlight(organisationID: organisation.id, Highlight(
                    id: Identifier.make(), storyID: story.id, start: 0, end: 1, quote: "rapportpassage \(number) klaar",
                    dimensions: [], touchpoint: "", polarity: .none, tags: []))
            }
            let chosen = try await ReportStore(database: database).report(organisationID: organisation.id, trajectoryID: trajectoryID).quoteIDs
            #expect(!chosen.isEmpty, "the demo report quotes some passages")
            func ticked(_ text: String) -> Set<String> {
                Set(text.matches(of: /name="quote" type="checkbox" value="([^"]+)" checked/).map { String($0.output.1) })
            }
            let large = try await ilse.get(trajectory + "/report")
            #expect((Self.limit...Self.limit + chosen.count).contains(large.text.matches(of: /name="quote" type="checkbox"/).count))
            #expect(ticked(large.text) == Set(chosen), "the chosen quotes stay listed and ticked")
            let searched = try await ilse.get(trajectory + "/report?passages=rapportpassage%203%20klaar")
            #expect(searched.text.contains("“rapportpassage 3 klaar”"))
            #expect(searched.text.matches(of: /name="quote" type="checkbox"/).count == 1 + chosen.count && ticked(searched.text) == Set(chosen))
        }
    }
}
