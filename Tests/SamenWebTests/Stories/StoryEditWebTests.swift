import Foundation
import Hummingbird
import HummingbirdTesting
import SamenWeb
import Testing

/// Correcting and deleting the voice records through the pages and the API.
@Suite("Editing stories and the evidence chain")
struct StoryEditWebTests {
    static func api(_ trajectory: String) -> String {
        "/api/v1/organisations/\(Demo.orgA)/trajectories/\(trajectory.split(separator: "/").last!)"
    }

    static func version(_ page: TestResponse) -> String? {
        page.text.firstMatch(of: /name="version" value="([0-9]+)"/).map { String($0.output.1) }
    }

    @Test("the story edit form round-trips; a stale save shows both values (409) and keeps what was typed")
    func storyEdit() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            try await ilse.logIn(Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let story = try await EvidenceWebTests.firstStory(ilse, trajectory)
            #expect(try await ilse.get(story).text.contains(#"href="\#(story)/edit""#))
            let form = try await ilse.get(story + "/edit")
            #expect(form.status == .ok)
            let read = try #require(Self.version(form))
            let text = "De brief was onduidelijk en ik moest lang wachten."
            let saved = try await ilse.post(story + "/edit", ["pseudonymised": text, "retention_date": "2029-03-01", "district": "Noord",
                                                              "version": read])
            #expect(saved.status == .seeOther)
            let again = try await ilse.get(story + "/edit")
            #expect(again.text.contains(#"value="Noord""#) && again.text.contains("2029-03-01"))
            #expect(Self.version(again) == String(Int(read)! + 1))
            // A second person still has the old version open.
            let stale = try await ilse.post(story + "/edit", ["pseudonymised": text, "retention_date": "2029-03-01", "district": "Zuid-Oost",
                                                              "version": read])
            #expect(stale.status == .conflict)
            #expect(stale.text.contains(#"id="stale-notice""#))
            #expect(stale.text.contains("<td>Zuid-Oost</td><td>Noord</td>"), "typed beside stored")
            #expect(stale.text.contains(#"value="Zuid-Oost""#), "what was typed stays in the form")
            let bad = try await ilse.post(story + "/edit", ["pseudonymised": " ", "retention_date": "morgen", "district": "Oost",
                                                            "version": Self.version(again) ?? ""])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains(#"value="Oost""#))
            #expect(try await ilse.get(story + "/edit").text.contains(#"value="Noord""#), "nothing changed")
            // The review form on the story page uses the same versioned use-case.
            let review = try await ilse.post(story, ["pseudonymised": text, "retention_date": "2029-03-01", "approve": "0", "version": read])
            #expect(review.status == .conflict && review.text.contains(#"id="stale-notice""#))
        }
    }

    @Test("deleting a story: the confirmation page lists what goes with it, then it goes")
    func storyDelete() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            let token = try await APITests.token(ilse, Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let story = try await EvidenceWebTests.firstStory(ilse, trajectory)
            let id = String(story.split(separator: "/").last!)
            let highlights = try await ilse.json(.get, Self.api(trajectory) + "/highlights?story_id=\(id)", token: token)
            let count = try #require(highlights.jsonObject["total"] as? Int)
            let confirm = try await ilse.get(story + "/delete")
            #expect(confirm.status == .ok)
            if count > 0 { #expect(confirm.text.contains("<li>\(count) × passages</li>"), "\(confirm.text)") }
            #expect(try await ilse.get(story).status == .ok, "a GET deletes nothing")
            let done = try await ilse.post(story + "/delete", ["version": try #require(Self.version(confirm))])
            #expect(done.status == .seeOther)
            #expect(try await ilse.get(story).status == .notFound)
            let after = try await ilse.json(.get, Self.api(trajectory) + "/highlights?story_id=\(id)", token: token)
            #expect(after.jsonObject["total"] as? Int == 0)
        }
    }

    @Test("a viewer sees no edit or delete controls and gets 403 on every voice write")
    func viewer() async throws {
        try await withApp { client in
            let marco = Browser(client)
            let token = try await APITests.token(marco, Demo.marco)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(marco)
            let story = try await EvidenceWebTests.firstStory(marco, trajectory)
            for page in [story, trajectory + "/insights", trajectory + "/personas"] {
                let text = try await marco.get(page).text
                #expect(!text.contains("/edit\"") && !text.contains("/delete\""), "\(page) shows no controls")
            }
            #expect(try await marco.get(story + "/edit").status == .forbidden)
            #expect(try await marco.get(story + "/delete").status == .forbidden)
            #expect(try await marco.post(story + "/edit", ["pseudonymised": "x", "retention_date": "2030-01-01"]).status == .forbidden)
            #expect(try await marco.post(story + "/delete", [:]).status == .forbidden)
            let id = String(story.split(separator: "/").last!)
            let patch = try await marco.json(.patch, Self.api(trajectory) + "/stories/\(id)", token: token, body: #"{"district":"x"}"#)
            #expect(patch.status == .forbidden)
            #expect(try await marco.json(.delete, Self.api(trajectory) + "/stories/\(id)", token: token).status == .forbidden)
            let personas = try await marco.json(.get, Self.api(trajectory) + "/personas", token: token)
            let persona = try #require((personas.jsonObject["personas"] as? [[String: Any]])?.first?["id"] as? String)
            #expect(try await marco.get(trajectory + "/personas/\(persona)/edit").status == .forbidden)
            #expect(try await marco.json(.delete, Self.api(trajectory) + "/personas/\(persona)", token: token).status == .forbidden)
        }
    }

    @Test("API: GET gives an ETag, a stale If-Match is 412 stale_version, DELETE is 204")
    func apiVersions() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            let token = try await APITests.token(ilse, Demo.ilse)
            let base = Self.api(try await TrajectoryWebTests.demoTrajectory(ilse))
            let list = try await ilse.json(.get, base + "/insights?limit=1&sort=-title", token: token)
            #expect(list.status == .ok && (list.jsonObject["insights"] as? [Any])?.count == 1 && list.jsonObject["total"] as? Int ?? 0 >= 1)
            let id = try #require((list.jsonObject["insights"] as? [[String: Any]])?.first?["id"] as? String)
            let one = try await ilse.json(.get, base + "/insights/\(id)", token: token)
            let etag = try #require(one.headers[.eTag])
            let changed = try await ilse.request(.patch, base + "/insights/\(id)", body: #"{"description":"Nieuw inzicht"}"#, contentType: "application/json",
                                                 headers: [.authorization: "Bearer \(token)", .ifMatch: etag])
            #expect(changed.status == .ok && changed.headers[.eTag] != etag)
            let stale = try await ilse.request(.patch, base + "/insights/\(id)", body: #"{"description":"Ander"}"#, contentType: "application/json",
                                               headers: [.authorization: "Bearer \(token)", .ifMatch: etag])
            #expect(stale.status == .preconditionFailed)
            #expect(stale.headers[.contentType]?.hasPrefix("application/problem+json") == true)
            #expect(stale.jsonObject["code"] as? String == "stale_version")
            #expect(try await ilse.json(.get, base + "/insights/\(id)", token: token).jsonObject["description"] as? String == "Nieuw inzicht")
            let gone = try await ilse.request(.delete, base + "/insights/\(id)", headers: [.authorization: "Bearer \(token)",
                                                                                         .ifMatch: try #require(changed.headers[.eTag])])
            #expect(gone.status == .noContent)
            #expect(try await ilse.json(.get, base + "/insights/\(id)", token: token).status == .notFound)
        }
    }

    @Test("an interview through the API is pseudonymised like the paste form; both refuse empty text alike")
    func interviewBothDoors() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            let token = try await APITests.token(ilse, Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let text = "Ik belde 0612345678 en niemand nam op; mijn mail is piet@voorbeeld.nl."
            #expect(try await ilse.post(trajectory + "/stories/interviews", ["text": text]).status == .seeOther)
            let created = try await ilse.json(.post, Self.api(trajectory) + "/stories", token: token, body: #"{"text":"\#(text)"}"#)
            #expect(created.status == .created && created.headers[.eTag] == "\"1\"")
            let viaAPI = try #require(created.jsonObject["text_pseudonymised"] as? String)
            #expect(!viaAPI.contains("0612345678") && !viaAPI.contains("piet@voorbeeld.nl") && created.jsonObject["original_text"] == nil)
            let all = try await ilse.json(.get, Self.api(trajectory) + "/stories?limit=200", token: token)
            let texts = (all.jsonObject["stories"] as? [[String: Any]] ?? []).compactMap { $0["text_pseudonymised"] as? String }
            #expect(texts.filter { $0 == viaAPI }.count == 2, "web and API stored the same pseudonymised text")
            let web = try await ilse.post(trajectory + "/stories/interviews", ["text": "  "])
            #expect(web.status == .unprocessableContent && web.text.contains("Schrijf iets op voordat u verstuurt."))
            let api = try await ilse.json(.post, Self.api(trajectory) + "/stories", token: token, body: #"{"text":"  "}"#)
            #expect(api.status == .unprocessableContent && api.jsonObject["code"] as? String == "validation_failed")
            let fields = (api.jsonObject["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String }
            #expect(fields == ["text"])
        }
    }

    @Test("an insight edited through the form and through the API stores the same result and refuses alike")
    func insightBothDoors() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            let token = try await APITests.token(ilse, Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let list = try await ilse.json(.get, Self.api(trajectory) + "/insights?sort=title", token: token)
            let ids = (list.jsonObject["insights"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            try #require(ids.count >= 2)
            let form = try await ilse.get(trajectory + "/insights/\(ids[0])/edit")
            let passages = DesignPassagesWebTests.checked(form, "highlights").map { ("highlights", $0) }
            let saved = try await ilse.post(trajectory + "/insights/\(ids[0])/edit", pairs: [("title", "  Wachten duurt te lang "), ("description", "Drie bronnen"),
                                                                                             ("version", try #require(Self.version(form)))] + passages)
            #expect(saved.status == .seeOther)
            let patched = try await ilse.json(.patch, Self.api(trajectory) + "/insights/\(ids[1])", token: token,
                                              body: #"{"title":"  Wachten duurt te lang ","description":"Drie bronnen"}"#)
            #expect(patched.status == .ok)
            let a = try await ilse.json(.get, Self.api(trajectory) + "/insights/\(ids[0])", token: token).jsonObject
            let b = try await ilse.json(.get, Self.api(trajectory) + "/insights/\(ids[1])", token: token).jsonObject
            #expect(a["title"] as? String == "Wachten duurt te lang" && b["title"] as? String == a["title"] as? String)
            #expect(a["description"] as? String == b["description"] as? String && a["version"] as? Int == b["version"] as? Int)
            let badWeb = try await ilse.post(trajectory + "/insights/\(ids[0])/edit", ["title": " ", "description": "x", "version": "2"])
            #expect(badWeb.status == .unprocessableContent && badWeb.text.contains("title-error"))
            let badAPI = try await ilse.json(.patch, Self.api(trajectory) + "/insights/\(ids[1])", token: token, body: #"{"title":" "}"#)
            #expect(badAPI.status == .unprocessableContent)
            #expect((badAPI.jsonObject["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String } == ["title"])
        }
    }
}
