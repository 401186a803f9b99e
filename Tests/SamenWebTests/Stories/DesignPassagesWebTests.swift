import Foundation
import Hummingbird
import HummingbirdTesting
import SamenWeb
import Testing

/// The edit forms of insights, personas and journey steps can change the passages a
/// record rests on, with the same rules as the API.
@Suite("Changing the passages a record rests on")
struct DesignPassagesWebTests {
    /// The values of the ticked checkboxes of a group in a page.
    static func checked(_ page: TestResponse, _ name: String) -> [String] {
        page.text.matches(of: /<input id="[^"]+" name="([a-z_]+)" type="checkbox" value="([^"]+)"( checked)?>/)
            .filter { $0.output.1 == name && $0.output.3 != nil }.map { String($0.output.2) }
    }

    static func choices(_ page: TestResponse, _ name: String) -> [String] {
        page.text.matches(of: /<input id="[^"]+" name="([a-z_]+)" type="checkbox" value="([^"]+)"/)
            .filter { $0.output.1 == name }.map { String($0.output.2) }
    }

    @Test("an insight's passages are ticked in its form; a changed choice is stored; none is refused per field with the typing kept")
    func insightPassages() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            let token = try await APITests.token(ilse, Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let list = try await ilse.json(.get, StoryEditWebTests.api(trajectory) + "/insights?sort=title", token: token)
            let insight = try #require((list.jsonObject["insights"] as? [[String: Any]])?.first)
            let id = try #require(insight["id"] as? String)
            let stored = Set(try #require(insight["highlight_ids"] as? [String]))
            let form = try await ilse.get(trajectory + "/insights/\(id)/edit")
            #expect(Set(Self.checked(form, "highlights")) == stored, "the stored passages are ticked")
            let other = try #require(Self.choices(form, "highlights").first { !stored.contains($0) })
            let version = try #require(StoryEditWebTests.version(form))

            let none = try await ilse.post(trajectory + "/insights/\(id)/edit",
                                           pairs: [("title", "Mijn nieuwe titel"), ("description", "x"), ("version", version)])
            #expect(none.status == .unprocessableContent && none.text.contains(#"id="highlights-error""#))
            #expect(none.text.contains("Mijn nieuwe titel"), "what was typed stays")

            let saved = try await ilse.post(trajectory + "/insights/\(id)/edit",
                                            pairs: [("title", "Mijn nieuwe titel"), ("description", "x"), ("highlights", other), ("version", version)])
            #expect(saved.status == .seeOther)
            let after = try await ilse.json(.get, StoryEditWebTests.api(trajectory) + "/insights/\(id)", token: token)
            #expect(after.jsonObject["highlight_ids"] as? [String] == [other])

            let foreign = try await ilse.post(trajectory + "/insights/\(id)/edit",
                                              pairs: [("title", "t"), ("description", "x"), ("highlights", "not-a-passage"), ("version", "")])
            #expect(foreign.status == .conflict || foreign.status == .unprocessableContent)
            #expect(try await ilse.json(.get, StoryEditWebTests.api(trajectory) + "/insights/\(id)", token: token)
                .jsonObject["highlight_ids"] as? [String] == [other], "nothing changed")
        }
    }

    @Test("a journey step's form ticks its passages and can leave them all out")
    func stepPassages() async throws {
        try await withApp { client in
            let ilse = Browser(client)
            let token = try await APITests.token(ilse, Demo.ilse)
            let trajectory = try await TrajectoryWebTests.demoTrajectory(ilse)
            let api = StoryEditWebTests.api(trajectory)
            let journeys = try await ilse.json(.get, api + "/journeys", token: token)
            let journey = try #require((journeys.jsonObject["journeys"] as? [[String: Any]])?.first?["id"] as? String)
            let steps = try await ilse.json(.get, api + "/journeys/\(journey)/steps", token: token)
            let step = try #require((steps.jsonObject["steps"] as? [[String: Any]])?.first { !(($0["highlight_ids"] as? [String]) ?? []).isEmpty })
            let stepID = try #require(step["id"] as? String)
            let path = trajectory + "/journeys/\(journey)/steps/\(stepID)/edit"
            let form = try await ilse.get(path)
            #expect(Set(Self.checked(form, "highlights")) == Set(step["highlight_ids"] as? [String] ?? []))
            var fields: [(String, String)] = []
            for name in ["stage", "position", "touchpoint", "actor", "emotion"] {
                let value = form.text.firstMatch(of: try Regex("name=\"\(name)\"[^>]*value=\"([^\"]*)\"")).map { String($0.output[1].substring ?? "") }
                fields.append((name, value ?? ""))
            }
            fields.append(("channel", step["channel"] as? String ?? ""))
            fields.append(("version", try #require(StoryEditWebTests.version(form))))
            #expect(try await ilse.post(path, pairs: fields).status == .seeOther)
            let after = try await ilse.json(.get, api + "/journeys/\(journey)/steps", token: token)
            let stored = (after.jsonObject["steps"] as? [[String: Any]])?.first { $0["id"] as? String == stepID }
            #expect((stored?["highlight_ids"] as? [String])?.isEmpty == true)
        }
    }
}

extension Browser {
    /// Posts a form whose names may repeat (a group of checkboxes), with the CSRF token.
    @discardableResult
    func post(_ path: String, pairs: [(String, String)]) async throws -> TestResponse {
        if cookies["samen_csrf"] == nil { try await get("/login") }
        let all = pairs + [("_csrf", cookies["samen_csrf"] ?? "")]
        let body = all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await request(.post, path, body: body, contentType: "application/x-www-form-urlencoded")
    }
}
