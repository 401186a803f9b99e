import Foundation
import Hummingbird
import HummingbirdTesting
import SamenWeb
import Testing

@Suite("The evidence chain: highlights and insights")
struct EvidenceWebTests {
    static func firstStory(_ browser: Browser, _ trajectory: String) async throws -> String {
        let list = try await browser.get(trajectory + "/stories")
        return try #require(list.text.firstMatch(of: /\/stories\/[a-f0-9-]{36}/).map { trajectory + String($0.output) })
    }

    @Test("the demo chain reads both ways: insight → quote → story, story → insight")
    func demoChain() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let insights = try await ilse.get(trajectory + "/insights")
            #expect(insights.text.contains("Mensen moeten hun verhaal steeds opnieuw vertellen"))
            #expect(insights.text.contains("steeds opnieuw uitleggen wat er was"))
            let storyLink = try #require(insights.text.firstMatch(of: /href="([^"]*\/stories\/[a-f0-9-]{36})"/).map { String($0.output.1) })
            let story = try await ilse.get(storyLink)
            #expect(story.text.contains("gebruikt in"))
            #expect(story.text.contains("Mensen moeten hun verhaal steeds opnieuw vertellen") || story.text.contains("De brief en de wachttijd zijn onduidelijk"))
        }
    }

    @Test("an insight has a page of its own: its quotes with their stories and what was built on it; the story page links to it")
    func insightPage() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let list = try await ilse.get(trajectory + "/insights").text
            let insight = try #require(list.firstMatch(of: /<h2><a href="([^"]*\/insights\/[a-f0-9-]{36})">([^<]+)<\/a><\/h2>/)
                .map { (String($0.output.1), String($0.output.2)) })
            let page = try await ilse.get(insight.0)
            #expect(page.status == .ok)
            #expect(page.text.contains("<h1>\(insight.1)</h1>"))
            let storyLink = try #require(page.text.firstMatch(of: /href="([^"]*\/stories\/[a-f0-9-]{36})"/).map { String($0.output.1) })
            #expect(page.text.contains("Wat erop gebouwd is") && page.text.contains("/edit\""))
            let story = try await ilse.get(storyLink).text
            #expect(story.contains(#"<a href="\#(insight.0)">"#), "the story page links to the insight it is used in")

            let marco = Browser(client)
            try await marco.logIn(Demo.marco)
            let viewed = try await marco.get(insight.0)
            #expect(viewed.status == .ok && !viewed.text.contains("/edit\""), "a viewer reads it without edit controls")
            #expect(try await ilse.get(trajectory + "/insights/00000000-0000-0000-0000-000000000000").status == .notFound)
        }
    }

    @Test("a highlight needs words that are in the text; typed values come back with the message")
    func highlight() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let story = try await Self.firstStory(ilse, trajectory)
            let bad = try await ilse.post(story + "/highlights", ["quote": "dit staat er niet", "tags": "proef", "dimension": "trust"])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("Deze woorden staan niet in de tekst."))
            #expect(bad.text.contains(#"value="proef""#))
            #expect(bad.text.contains(#"id="dimension-trust" name="dimension" type="checkbox" value="trust" checked"#))
            let page = try await ilse.get(story)
            let text = try #require(page.text.firstMatch(of: /<textarea id="pseudonymised"[^>]*>([^<]{12,})/).map { String($0.output.1) })
            let words = String(text.prefix(12))
            #expect(try await ilse.post(story + "/highlights", ["quote": words, "dimension": "clarity", "polarity": "created",
                                                                 "beneficiary": "user", "value_type": "in_use"]).status == .seeOther)
            let shown = try await ilse.get(story).text
            #expect(shown.contains("<blockquote>\(words)</blockquote>"))
            #expect(shown.contains("Begrijpelijkheid, Waarde gecreëerd, Gebruiker, Waarde in het contact (value-in-use)"))
        }
    }

    @Test("an insight must rest on at least one passage")
    func insightNeedsEvidence() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let none = try await ilse.post(trajectory + "/insights", ["title": "Zonder bewijs"])
            #expect(none.status == .unprocessableContent)
            #expect(none.text.contains("Kies minstens één passage"))
            let forged = try await ilse.post(trajectory + "/insights", ["title": "Vreemd", "highlight": "00000000-0000-0000-0000-000000000000"])
            #expect(forged.text.contains("Deze passage hoort niet bij dit traject."))
            #expect(!(try await ilse.get(trajectory + "/insights").text.contains("Zonder bewijs")))
            let marco = Browser(client)
            try await marco.logIn(Demo.marco)
            #expect(try await marco.post(trajectory + "/insights", ["title": "x", "highlight": "y"]).status == .forbidden)
        }
    }
}

@Suite("Exports and API of the citizen voice")
struct StoryExportTests {
    @Test("CSV exports and the API carry pseudonymised text only")
    func exports() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let stories = try await ilse.get(trajectory + "/export/stories.csv")
            #expect(stories.text.hasPrefix("id,source,status,date,text_pseudonymised"))
            #expect(stories.text.contains("[TELEFOON]") && !stories.text.contains("06-12345678"))
            #expect(!stories.text.contains("sanne.jansen@voorbeeld.nl"))
            for file in ["highlights", "insights", "personas", "journeys"] {
                let csv = try await ilse.get(trajectory + "/export/\(file).csv")
                #expect(csv.status == .ok && csv.text.split(separator: "\r\n").count >= 2, "\(file).csv has rows")
            }
            let created = try await ilse.post("/account/tokens", ["name": "export"])
            let token = try #require(created.text.firstMatch(of: /samen_[A-Za-z0-9_-]{40,}/).map { String($0.output) })
            let id = String(trajectory.split(separator: "/").last!)
            let api = try await ilse.json(.get, "/api/v1/organisations/\(Demo.orgA)/trajectories/\(id)/personas", token: token)
            #expect((api.jsonObject["personas"] as? [[String: Any]])?.first?["name"] as? String == "Anna (67)")
            let apiStories = try await ilse.json(.get, "/api/v1/organisations/\(Demo.orgA)/trajectories/\(id)/stories", token: token)
            let texts = (apiStories.jsonObject["stories"] as? [[String: Any]] ?? []).compactMap { $0["text_pseudonymised"] as? String }
            #expect(texts.count == 3 && !texts.joined().contains("06-12345678"))
        }
    }
}
